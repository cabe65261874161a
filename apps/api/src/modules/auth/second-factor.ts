import type {
  PasskeySummary,
  RecoveryCodes,
  SecondFactorEnrolled,
  SecondFactorStatus,
  SecuritySettings,
  TotpSetup,
} from '@ft/contracts';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { verifyPassword } from '../../platform/auth/password';
import { hashToken, newOpaqueToken } from '../../platform/auth/tokens';
import { withScope } from '../../platform/db/scoped';
import { AppError, conflict, validationFailed } from '../../platform/http/errors';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './brute-force';
import { authRepository } from './repository';
import {
  newRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  secondFactorRequired,
  TRUSTED_DEVICE_MS,
} from './second-factor-policy';
import type { SecondFactorMethod } from './tables';
import { acceptedStep, newTotpSecret, totpFor } from './totp';

const invalidCode = () => new AppError('INVALID_SECOND_FACTOR', 401, 'Ce code est incorrect ou a expiré.');

export async function userOf(db: Kysely<DB>, userId: string) {
  const user = await authRepository.findUserById(db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 401, 'Vous devez être connecté.');
  return user;
}

/** A passkey as its owner sees it in the list. */
export const passkeySummary = (row: {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}): PasskeySummary => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
});

/** Marks the session as having passed its second step: from now on it grants access. */
export function markSessionVerified(db: Kysely<DB>, sessionId: string, method: SecondFactorMethod) {
  return db
    .updateTable('sessions')
    .set({ second_factor_at: new Date(), second_factor_method: method, webauthn_challenge: null })
    .where('id', '=', sessionId)
    .execute();
}

/** Ten fresh codes replace any earlier ones; only their hashes are stored. */
export async function issueRecoveryCodes(db: Kysely<DB>, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashToken(normaliseRecoveryCode(code)) })))
    .execute();
  return codes;
}

/** A confirmed TOTP for a user (the CLI's admin:create, demo accounts): no code round trip. */
export async function enrolTotpDirectly(db: Kysely<DB>, user: { id: string; email: string }) {
  const secret = newTotpSecret();
  await db
    .insertInto('user_totp')
    .values({ user_id: user.id, secret, confirmed_at: new Date(), last_step: null })
    .execute();
  const recoveryCodes = await issueRecoveryCodes(db, user.id);
  return { secret, uri: totpFor(secret, user.email).toString(), recoveryCodes };
}

/** A code checked against the user's confirmed TOTP, used up at once (no replay). */
async function consumeTotp(db: Kysely<DB>, userId: string, code: string): Promise<boolean> {
  const totp = await db
    .selectFrom('user_totp')
    .selectAll()
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
  if (!totp) return false;
  const step = acceptedStep(totp.secret, code, totp.last_step);
  if (step === null) return false;
  // Conditional on the step still being new, so two concurrent requests cannot both use it.
  const updated = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

async function consumeRecoveryCode(db: Kysely<DB>, userId: string, code: string): Promise<boolean> {
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashToken(normaliseRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Whether a trusted-device cookie belongs to this user and is still within its 30 days. */
export async function trustedDeviceMatches(db: Kysely<DB>, userId: string, token: string | undefined) {
  if (!token) return false;
  const row = await db
    .selectFrom('trusted_devices')
    .select('id')
    .where('token_hash', '=', hashToken(token))
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
}

/** A second-factor failure during sign-in: a wrong code, or a passkey the server refused. */
export type SecondFactorFailure = () => AppError;

/**
 * A failed second step is a failed sign-in: five lock the account, and the pending session ends.
 * Always throws (`refusal`, or 429 once locked).
 */
export async function secondFactorFailed(
  db: Kysely<DB>,
  actor: Actor,
  email: string,
  meta: RequestMeta,
  kind: string,
  refusal: SecondFactorFailure = invalidCode,
): Promise<never> {
  const locked = await db.transaction().execute(async (trx) => {
    await recordAudit(
      trx,
      { ...meta, actorId: actor.userId },
      { action: 'auth.2fa_failed', entityType: 'user', entityId: actor.userId, details: { kind } },
    );
    return recordLoginFailure(trx, email, meta);
  });
  if (locked) {
    if (actor.secondFactor !== 'none') await authRepository.revokeSessionById(db, actor.sessionId);
    await assertLoginAllowed(db, email, meta);
  }
  throw refusal();
}

/** Whether this account must keep a second factor (its role, approval, or the admin setting). */
export async function secondFactorRequiredFor(db: Kysely<DB>, actor: Actor): Promise<boolean> {
  const settings = await db.selectFrom('security_settings').selectAll().executeTakeFirst();
  const profile =
    actor.role === 'expert'
      ? await db
          .selectFrom('expert_profiles')
          .select('approval_status')
          .where('user_id', '=', actor.userId)
          .executeTakeFirst()
      : undefined;
  return secondFactorRequired(
    actor.role,
    profile?.approval_status ?? null,
    settings?.require_second_factor_for_all ?? false,
  );
}

/** The account's password, asked again before a sensitive change (400 on the `password` field). */
export async function assertPassword(db: Kysely<DB>, userId: string, password: string) {
  const user = await userOf(db, userId);
  if (!(await verifyPassword(password, user.password_hash))) {
    throw validationFailed([{ field: 'password', message: 'Le mot de passe est incorrect.' }]);
  }
  return user;
}

/**
 * The second step passed (inside the caller's transaction): the failure streak ends, the session
 * grants access, the browser is trusted for 30 days when asked, and the event is audited.
 */
export async function completeSecondStep(
  trx: Kysely<DB>,
  actor: Actor,
  user: { id: string; email: string },
  step: { method: SecondFactorMethod; rememberDevice: boolean; details?: Record<string, unknown> },
  meta: RequestMeta,
): Promise<{ trustedDeviceToken: string | null }> {
  await recordLoginSuccess(trx, user.email, meta);
  await markSessionVerified(trx, actor.sessionId, step.method);
  let trustedDeviceToken: string | null = null;
  if (step.rememberDevice) {
    trustedDeviceToken = newOpaqueToken();
    await trx
      .insertInto('trusted_devices')
      .values({
        user_id: user.id,
        token_hash: hashToken(trustedDeviceToken),
        user_agent: meta.userAgent,
        expires_at: new Date(Date.now() + TRUSTED_DEVICE_MS),
      })
      .execute();
  }
  await recordAudit(
    trx,
    { ...meta, actorId: user.id },
    {
      action: 'auth.2fa_verified',
      entityType: 'user',
      entityId: user.id,
      details: { method: step.method, rememberDevice: step.rememberDevice, ...step.details },
    },
  );
  return { trustedDeviceToken };
}

/**
 * Whether the account has a second factor in place: a confirmed TOTP or a passkey (other than
 * `exceptPasskey`: would the account still have one without it?).
 */
export async function hasSecondFactor(
  db: Kysely<DB>,
  userId: string,
  { exceptPasskey }: { exceptPasskey?: string } = {},
): Promise<boolean> {
  const [totp, passkey] = await Promise.all([
    db
      .selectFrom('user_totp')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst(),
    db
      .selectFrom('passkeys')
      .select('id')
      .where('user_id', '=', userId)
      .$if(exceptPasskey !== undefined, (q) => q.where('id', '<>', exceptPasskey ?? ''))
      .executeTakeFirst(),
  ]);
  return totp !== undefined || passkey !== undefined;
}

/**
 * A factor was added (inside the caller's transaction), audited. When it is the account's first:
 * ten recovery codes (returned, shown once), this session past its second step, every other
 * session ended. Otherwise the codes and sessions stay as they are, and null is returned.
 */
export async function secondFactorAdded(
  trx: Kysely<DB>,
  actor: Actor,
  factor: { method: 'totp' | 'passkey'; first: boolean; details?: Record<string, unknown> },
  meta: RequestMeta,
): Promise<string[] | null> {
  let recoveryCodes: string[] | null = null;
  if (factor.first) {
    recoveryCodes = await issueRecoveryCodes(trx, actor.userId);
    await markSessionVerified(trx, actor.sessionId, 'enrolment');
    // Other sessions opened before enrolment must now pass the second step too.
    await authRepository.revokeUserSessions(trx, actor.userId, actor.sessionId);
  }
  await recordAudit(
    trx,
    { ...meta, actorId: actor.userId },
    {
      action: 'auth.2fa_enabled',
      entityType: 'user',
      entityId: actor.userId,
      details: { method: factor.method, first: factor.first, ...factor.details },
    },
  );
  return recoveryCodes;
}

/**
 * TOTP enrolment, the second step of sign-in, recovery codes, trusted devices and the admin's
 * "required for everyone" setting. Every event is audited; wrong codes count toward the lockout.
 * Passkeys have their own service (passkeys.ts) over the same helpers.
 */
export function createSecondFactorService(deps: { db: Kysely<DB> }) {
  const { db } = deps;
  const failed = (actor: Actor, email: string, meta: RequestMeta, kind: string) =>
    secondFactorFailed(db, actor, email, meta, kind);
  const requiredFor = (actor: Actor) => secondFactorRequiredFor(db, actor);

  async function assertMayEnrol(actor: Actor) {
    // A session owing a code must not be able to swap the factor it owes for a new one.
    if (actor.secondFactor === 'verify') throw invalidCode();
    const existing = await db
      .selectFrom('user_totp')
      .select('confirmed_at')
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing?.confirmed_at) {
      throw conflict('CONFLICT', "L'application d'authentification est déjà activée.");
    }
  }

  return {
    async status(actor: Actor): Promise<SecondFactorStatus> {
      const [totp, passkeys, codes, devices] = await Promise.all([
        db
          .selectFrom('user_totp')
          .select('confirmed_at')
          .where('user_id', '=', actor.userId)
          .executeTakeFirst(),
        db
          .selectFrom('passkeys')
          .select(['id', 'name', 'created_at', 'last_used_at'])
          .where('user_id', '=', actor.userId)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('recovery_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', actor.userId)
          .where('used_at', 'is', null)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('trusted_devices')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('user_id', '=', actor.userId)
          .where('expires_at', '>', new Date())
          .executeTakeFirstOrThrow(),
      ]);
      return {
        totp: Boolean(totp?.confirmed_at),
        passkeys: passkeys.map(passkeySummary),
        recoveryCodesLeft: Number(codes.n),
        required: await requiredFor(actor),
        trustedDevices: Number(devices.n),
      };
    },

    /** A new secret each time (an abandoned setup is simply replaced); confirmed by a code. */
    async setupTotp(actor: Actor): Promise<TotpSetup> {
      await assertMayEnrol(actor);
      const user = await userOf(db, actor.userId);
      const secret = newTotpSecret();
      await db
        .insertInto('user_totp')
        .values({ user_id: user.id, secret, confirmed_at: null, last_step: null })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, last_step: null }))
        .execute();
      const uri = totpFor(secret, user.email).toString();
      return { secret, uri, qrCode: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
    },

    /**
     * The first valid code turns TOTP on; as the account's first factor it also passes this
     * session's second step and yields the recovery codes.
     */
    async confirmTotp(actor: Actor, code: string, meta: RequestMeta): Promise<SecondFactorEnrolled> {
      await assertMayEnrol(actor);
      const pending = await db
        .selectFrom('user_totp')
        .selectAll()
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      const step = pending ? acceptedStep(pending.secret, code, pending.last_step) : null;
      if (!pending || step === null) {
        throw validationFailed([{ field: 'code', message: 'Ce code est incorrect ou a expiré.' }]);
      }
      return db.transaction().execute(async (trx) => {
        const first = !(await hasSecondFactor(trx, actor.userId));
        await trx
          .updateTable('user_totp')
          .set({ confirmed_at: new Date(), last_step: step })
          .where('user_id', '=', actor.userId)
          .execute();
        return { recoveryCodes: await secondFactorAdded(trx, actor, { method: 'totp', first }, meta) };
      });
    },

    /**
     * The second step of sign-in with a TOTP or recovery code. Returns a trusted-device token when
     * asked to remember this browser.
     */
    async verify(
      actor: Actor,
      input: { code?: string | undefined; recoveryCode?: string | undefined; rememberDevice: boolean },
      meta: RequestMeta,
    ): Promise<{ trustedDeviceToken: string | null }> {
      if (actor.secondFactor !== 'verify') {
        throw conflict('CONFLICT', "Cette session n'attend pas de code.");
      }
      const user = await userOf(db, actor.userId);
      await assertLoginAllowed(db, user.email, meta);
      const method: SecondFactorMethod = input.code ? 'totp' : 'recovery_code';
      return db
        .transaction()
        .execute(async (trx) => {
          const ok = input.code
            ? await consumeTotp(trx, user.id, input.code)
            : await consumeRecoveryCode(trx, user.id, input.recoveryCode ?? '');
          if (!ok) return null;
          return completeSecondStep(trx, actor, user, { method, rememberDevice: input.rememberDevice }, meta);
        })
        .then((result) => result ?? failed(actor, user.email, meta, method));
    },

    async regenerateRecoveryCodes(actor: Actor, password: string, meta: RequestMeta): Promise<RecoveryCodes> {
      await assertPassword(db, actor.userId, password);
      return db.transaction().execute(async (trx) => {
        const recoveryCodes = await issueRecoveryCodes(trx, actor.userId);
        await recordAudit(trx, meta, {
          action: 'auth.recovery_codes_regenerated',
          entityType: 'user',
          entityId: actor.userId,
        });
        return { recoveryCodes };
      });
    },

    /** Needs the password and a current code; refused where the second factor is mandatory. */
    async disable(actor: Actor, input: { password: string; code: string }, meta: RequestMeta) {
      if (await requiredFor(actor)) {
        throw conflict(
          'SECOND_FACTOR_MANDATORY',
          'La double authentification est obligatoire pour ce compte : elle ne peut pas être désactivée.',
        );
      }
      const user = await assertPassword(db, actor.userId, input.password);
      await assertLoginAllowed(db, user.email, meta);
      if (!(await consumeTotp(db, user.id, input.code))) await failed(actor, user.email, meta, 'disable');
      await db.transaction().execute(async (trx) => {
        for (const table of ['user_totp', 'recovery_codes', 'trusted_devices', 'passkeys'] as const) {
          await trx.deleteFrom(table).where('user_id', '=', user.id).execute();
        }
        await recordAudit(trx, meta, { action: 'auth.2fa_disabled', entityType: 'user', entityId: user.id });
      });
    },

    async forgetTrustedDevices(actor: Actor, meta: RequestMeta) {
      await db.transaction().execute(async (trx) => {
        const removed = await trx
          .deleteFrom('trusted_devices')
          .where('user_id', '=', actor.userId)
          .executeTakeFirst();
        await recordAudit(trx, meta, {
          action: 'auth.trusted_devices_forgotten',
          entityType: 'user',
          entityId: actor.userId,
          details: { removed: Number(removed.numDeletedRows) },
        });
      });
    },

    async settings(): Promise<SecuritySettings> {
      const row = await db.selectFrom('security_settings').selectAll().executeTakeFirst();
      return { requireSecondFactorForAll: row?.require_second_factor_for_all ?? false };
    },

    /** Admin only (RLS as well): require a second factor of every account, clients included. */
    async updateSettings(
      actor: Actor,
      input: SecuritySettings,
      meta: RequestMeta,
    ): Promise<SecuritySettings> {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        await trx
          .updateTable('security_settings')
          .set({
            require_second_factor_for_all: input.requireSecondFactorForAll,
            updated_at: new Date(),
            updated_by: actor.userId,
          })
          .execute();
        await recordAudit(trx, meta, {
          action: 'admin.security_settings_changed',
          entityType: 'security_settings',
          details: { ...input },
        });
      });
      return this.settings();
    },
  };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;
