import type {
  PasskeyAuthenticationOptions,
  PasskeyRegistered,
  PasskeyRegistrationOptions,
  PasskeySummary,
  passkeyAuthenticationResponseSchema,
  passkeyRegistrationResponseSchema,
  SchemaOutput,
} from '@ft/contracts';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoUint8Array } from '@simplewebauthn/server/helpers';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { assertLoginAllowed } from './brute-force';
import {
  assertPassword,
  completeSecondStep,
  hasSecondFactor,
  passkeySummary,
  secondFactorAdded,
  secondFactorFailed,
  secondFactorRequiredFor,
  userOf,
} from './second-factor';

/** A ceremony's challenge is good for one attempt within this time (the browser's timeout is 60 s). */
const CEREMONY_MS = 5 * 60 * 1000;
/** More passkeys than a person has devices is a sign of something wrong. */
const MAX_PASSKEYS = 10;

type Ceremony = 'register' | 'authenticate';
type RegistrationResponse = SchemaOutput<typeof passkeyRegistrationResponseSchema>;
type AuthenticationResponse = SchemaOutput<typeof passkeyAuthenticationResponseSchema>;

const refusedAtSignIn = () => new AppError('PASSKEY_REFUSED', 401, "Cette clé d'accès n'a pas été acceptée.");
const refusedAtRegistration = () =>
  new AppError('PASSKEY_REFUSED', 400, "Cette clé d'accès n'a pas pu être enregistrée. Réessayez.");

/** The challenge is kept on the session as `ceremony.expiresAtMs.challenge` (base64url has no dot). */
function saveChallenge(db: Kysely<DB>, sessionId: string, ceremony: Ceremony, challenge: string) {
  return db
    .updateTable('sessions')
    .set({ webauthn_challenge: `${ceremony}.${Date.now() + CEREMONY_MS}.${challenge}` })
    .where('id', '=', sessionId)
    .execute();
}

/**
 * The session's challenge for this ceremony, cleared whatever the outcome: each is good for one
 * answer, so a captured answer cannot be played again. Null when absent, expired, or of the other
 * ceremony.
 */
async function takeChallenge(db: Kysely<DB>, sessionId: string, ceremony: Ceremony): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('webauthn_challenge')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  const stored = row?.webauthn_challenge;
  if (!stored) return null;
  // Conditional, so two concurrent answers cannot both take it.
  const cleared = await db
    .updateTable('sessions')
    .set({ webauthn_challenge: null })
    .where('id', '=', sessionId)
    .where('webauthn_challenge', '=', stored)
    .executeTakeFirst();
  if (Number(cleared.numUpdatedRows) !== 1) return null;
  const [kind, expiresAt, challenge] = stored.split('.');
  if (kind !== ceremony || !challenge || Number(expiresAt) < Date.now()) return null;
  return challenge;
}

/** The WebAuthn user handle: the account's UUID as its 16 bytes (no personal data). */
const userHandle = (userId: string) => isoUint8Array.fromHex(userId.replace(/-/g, ''));

/**
 * Passkeys (WebAuthn, @simplewebauthn/server) as a second factor: registration by a signed-in
 * person (a session owing enrolment may register one: it counts as enrolment), the second step of
 * sign-in as an alternative to a code, rename and removal. The relying party is PUBLIC_URL's host
 * (or WEBAUTHN_RP_ID) and answers are accepted from PUBLIC_URL's and CORS_ORIGIN's origins.
 */
export function createPasskeyService(deps: { db: Kysely<DB>; webauthn: Config['webauthn'] }) {
  const { db, webauthn } = deps;

  const passkeysOf = (userId: string) =>
    db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

  async function ownPasskey(actor: Actor, id: string) {
    const row = await db
      .selectFrom('passkeys')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!row) throw notFound("Cette clé d'accès est introuvable.");
    return row;
  }

  /** The account of a session that owes its second step, unless it is locked out. */
  async function pendingSecondStep(actor: Actor, meta: RequestMeta) {
    if (actor.secondFactor !== 'verify') {
      throw conflict('CONFLICT', "Cette session n'attend pas de second facteur.");
    }
    const user = await userOf(db, actor.userId);
    await assertLoginAllowed(db, user.email, meta);
    return user;
  }

  function assertMayRegister(actor: Actor) {
    // A session owing its second step must not be able to add a factor that would pass it.
    if (actor.secondFactor === 'verify') {
      throw new AppError('INVALID_SECOND_FACTOR', 401, "Terminez d'abord la vérification en deux étapes.");
    }
  }

  return {
    async registrationOptions(actor: Actor): Promise<PasskeyRegistrationOptions> {
      assertMayRegister(actor);
      const user = await userOf(db, actor.userId);
      const existing = await passkeysOf(user.id);
      if (existing.length >= MAX_PASSKEYS) {
        throw conflict('CONFLICT', `Un compte peut enregistrer ${MAX_PASSKEYS} clés d'accès au plus.`);
      }
      const options = await generateRegistrationOptions({
        rpName: webauthn.rpName,
        rpID: webauthn.rpId,
        userName: user.email,
        userDisplayName: user.email,
        userID: userHandle(user.id),
        attestationType: 'none',
        // The same authenticator twice would be one factor counted as two.
        excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await saveChallenge(db, actor.sessionId, 'register', options.challenge);
      return options;
    },

    /** Verifies the browser's answer and keeps the passkey; the first factor yields recovery codes. */
    async register(
      actor: Actor,
      input: { name: string; response: RegistrationResponse },
      meta: RequestMeta,
    ): Promise<PasskeyRegistered> {
      assertMayRegister(actor);
      const challenge = await takeChallenge(db, actor.sessionId, 'register');
      if (!challenge) throw refusedAtRegistration();
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: challenge,
          expectedOrigin: webauthn.origins,
          expectedRPID: webauthn.rpId,
          // A second factor after the password: presence is enough, as with a security key.
          requireUserVerification: false,
        });
      } catch {
        throw refusedAtRegistration();
      }
      if (!verified.verified) throw refusedAtRegistration();
      const { credential } = verified.registrationInfo;
      return db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('passkeys')
          .select('id')
          .where('credential_id', '=', credential.id)
          .executeTakeFirst();
        if (taken) throw conflict('CONFLICT', "Cette clé d'accès est déjà enregistrée.");
        const first = !(await hasSecondFactor(trx, actor.userId));
        const row = await trx
          .insertInto('passkeys')
          .values({
            user_id: actor.userId,
            credential_id: credential.id,
            public_key: Buffer.from(credential.publicKey),
            counter: credential.counter,
            transports: input.response.response.transports ?? credential.transports ?? [],
            name: input.name,
          })
          .returning(['id', 'name', 'created_at', 'last_used_at'])
          .executeTakeFirstOrThrow();
        const recoveryCodes = await secondFactorAdded(
          trx,
          actor,
          { method: 'passkey', first, details: { passkeyId: row.id, name: row.name } },
          meta,
        );
        return { passkey: passkeySummary(row), recoveryCodes };
      });
    },

    async rename(actor: Actor, id: string, name: string, meta: RequestMeta): Promise<PasskeySummary> {
      const before = await ownPasskey(actor, id);
      const row = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('passkeys')
          .set({ name })
          .where('id', '=', id)
          .returning(['id', 'name', 'created_at', 'last_used_at'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, meta, {
          action: 'auth.passkey_renamed',
          entityType: 'user',
          entityId: actor.userId,
          details: { passkeyId: id, from: before.name, to: name },
        });
        return updated;
      });
      return passkeySummary(row);
    },

    /**
     * Needs the password. Removing the account's last factor turns the second factor off (recovery
     * codes and trusted devices go too), which is refused where it is mandatory.
     */
    async remove(actor: Actor, id: string, password: string, meta: RequestMeta): Promise<void> {
      const passkey = await ownPasskey(actor, id);
      const last = !(await hasSecondFactor(db, actor.userId, { exceptPasskey: id }));
      if (last && (await secondFactorRequiredFor(db, actor))) {
        throw conflict(
          'SECOND_FACTOR_MANDATORY',
          "La double authentification est obligatoire pour ce compte : ajoutez un autre facteur avant de supprimer cette clé d'accès.",
        );
      }
      await assertPassword(db, actor.userId, password);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('passkeys').where('id', '=', id).execute();
        if (last) {
          await trx.deleteFrom('recovery_codes').where('user_id', '=', actor.userId).execute();
          await trx.deleteFrom('trusted_devices').where('user_id', '=', actor.userId).execute();
        }
        await recordAudit(trx, meta, {
          action: last ? 'auth.2fa_disabled' : 'auth.passkey_removed',
          entityType: 'user',
          entityId: actor.userId,
          details: { method: 'passkey', passkeyId: id, name: passkey.name },
        });
      });
    },

    /** The second step of sign-in: a challenge for one of the account's passkeys. */
    async authenticationOptions(actor: Actor, meta: RequestMeta): Promise<PasskeyAuthenticationOptions> {
      const user = await pendingSecondStep(actor, meta);
      const passkeys = await passkeysOf(user.id);
      if (passkeys.length === 0) {
        throw conflict('CONFLICT', "Aucune clé d'accès n'est enregistrée pour ce compte.");
      }
      const options = await generateAuthenticationOptions({
        rpID: webauthn.rpId,
        allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: p.transports })),
        userVerification: 'preferred',
      });
      await saveChallenge(db, actor.sessionId, 'authenticate', options.challenge);
      return options;
    },

    /**
     * Verifies the signature over the session's challenge, then moves the passkey's counter on: an
     * answer whose counter did not grow (a cloned authenticator, a replay) is refused. Any refusal
     * counts toward the lockout like a wrong code.
     */
    async verify(
      actor: Actor,
      input: { response: AuthenticationResponse; rememberDevice: boolean },
      meta: RequestMeta,
    ): Promise<{ trustedDeviceToken: string | null }> {
      const user = await pendingSecondStep(actor, meta);
      const refuse = () => secondFactorFailed(db, actor, user.email, meta, 'passkey', refusedAtSignIn);
      const challenge = await takeChallenge(db, actor.sessionId, 'authenticate');
      const passkey = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('credential_id', '=', input.response.id)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (!challenge || !passkey) return refuse();
      const counter = Number(passkey.counter);
      let newCounter: number;
      try {
        const result = await verifyAuthenticationResponse({
          response: input.response,
          expectedChallenge: challenge,
          expectedOrigin: webauthn.origins,
          expectedRPID: webauthn.rpId,
          credential: {
            id: passkey.credential_id,
            publicKey: new Uint8Array(passkey.public_key),
            counter,
            transports: passkey.transports,
          },
          requireUserVerification: false,
        });
        if (!result.verified) return refuse();
        newCounter = result.authenticationInfo.newCounter;
      } catch {
        return refuse();
      }
      const result = await db.transaction().execute(async (trx) => {
        // Conditional on the counter read above, so two concurrent answers cannot both pass.
        const moved = await trx
          .updateTable('passkeys')
          .set({ counter: newCounter, last_used_at: new Date() })
          .where('id', '=', passkey.id)
          .where('counter', '=', counter)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return null;
        return completeSecondStep(
          trx,
          actor,
          user,
          {
            method: 'passkey',
            rememberDevice: input.rememberDevice,
            details: { passkeyId: passkey.id },
          },
          meta,
        );
      });
      return result ?? refuse();
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
