import type {
  ClientSignup,
  ExpertSignup,
  FieldError,
  MeResponse,
  Profile,
  PublicUser,
  UiLanguage,
  UserStatus,
} from '@ft/contracts';
import { isValidSiren } from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor, SecondFactorState } from '../../platform/auth/actor';
import {
  decoyPasswordHash,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from '../../platform/auth/password';
import { hashToken, newOpaqueToken } from '../../platform/auth/tokens';
import { transactionWithCommitHooks } from '../../platform/db/commit-hooks';
import { uniqueViolation } from '../../platform/db/errors';
import { withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import type { Mailer } from '../../platform/mail/mailer';
import { clientsRepository, toClientProfile } from '../clients/repository';
import type { DashboardsChanged } from '../dashboards/cache';
import { expertsRepository, toExpertProfile } from '../experts/repository';
import { pendingConsents, recordConsents } from '../privacy/consents';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './brute-force';
import { authMails } from './mails';
import { createRecentSessions } from './recent-sessions';
import { authRepository, sessionGrants } from './repository';
import { enrolTotpDirectly, markSessionVerified, trustedDeviceMatches } from './second-factor';
import { secondFactorState } from './second-factor-policy';
import type { UsersTable } from './tables';

export type AuthDeps = {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  /** Called inside the sign-up/login transaction of a client who brings a simulation token. */
  onClientSession?: (trx: Kysely<DB>, clientId: string, simulationToken: string) => Promise<unknown>;
  /** A new expert waits for approval: the admin dashboard counts it. (The CLI only creates admins.) */
  dashboardsChanged?: DashboardsChanged;
};
export type IssuedSession = { user: PublicUser; token: string; secondFactor: SecondFactorState };

const VERIFY_TTL_MS = 24 * 3600 * 1000;

export function effectiveStatus(
  user: { status: 'active' | 'suspended'; role: string },
  approval: 'pending' | 'approved' | 'rejected' | 'suspended' | null | undefined,
): UserStatus {
  if (user.status === 'suspended') return 'suspended';
  if (user.role !== 'expert' || approval === 'approved') return 'active';
  return approval ?? 'pending';
}

export function toPublicUser(user: Selectable<UsersTable>, status: UserStatus): PublicUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    status,
    emailVerified: user.email_verified_at !== null,
    language: user.locale,
  };
}

/** Field errors shared by both sign-ups: password strength, SIREN checksum, duplicates. */
async function signupErrors(
  db: Kysely<DB>,
  input: { email: string; password: string; siren: string },
  sirenTaken: boolean,
) {
  const errors: FieldError[] = [];
  const weakness = passwordWeakness(input.password, input.email);
  if (weakness) errors.push({ field: 'password', message: weakness });
  if (!isValidSiren(input.siren))
    errors.push({ field: 'siren', message: "Ce SIREN n'est pas valide (clé de contrôle)." });
  else if (sirenTaken) errors.push({ field: 'siren', message: 'Un compte existe déjà pour ce SIREN.' });
  if (await authRepository.findUserByEmail(db, input.email)) {
    errors.push({ field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' });
  }
  return errors;
}

function duplicateToFieldError(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint?.includes('email'))
    throw validationFailed([{ field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' }]);
  if (constraint?.includes('siren'))
    throw validationFailed([{ field: 'siren', message: 'Un compte existe déjà pour ce SIREN.' }]);
  throw error;
}

export function createAuthService(deps: AuthDeps) {
  const { db, mailer } = deps;

  async function openSession(trx: Kysely<DB>, userId: string, meta: RequestMeta) {
    const token = newOpaqueToken();
    const session = await authRepository.insertSession(trx, {
      userId,
      tokenHash: hashToken(token),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { token, sessionId: session.id };
  }

  async function sendVerification(trx: Kysely<DB>, user: { id: string; email: string; locale: string }) {
    const token = newOpaqueToken();
    await authRepository.insertEmailToken(trx, {
      userId: user.id,
      purpose: 'verify_email',
      tokenHash: hashToken(token),
      ttlMs: VERIFY_TTL_MS,
    });
    await mailer.enqueue(
      trx,
      authMails.verifyEmail(user.email, user.locale, `${deps.publicUrl}/verifier-email?token=${token}`),
    );
  }

  /**
   * Both sign-ups: field checks first (password, SIREN, duplicates), then one transaction that
   * creates the user and its profile, opens the session, sends the verification e-mail and audits.
   */
  async function signup(
    role: 'client' | 'expert',
    input: { email: string; password: string; siren: string; language?: UiLanguage | undefined },
    meta: RequestMeta,
    sirenTaken: boolean,
    createProfile: (trx: Kysely<DB>, userId: string) => Promise<void>,
  ): Promise<IssuedSession> {
    const errors = await signupErrors(db, input, sirenTaken);
    if (errors.length > 0) throw validationFailed(errors);
    const passwordHash = await hashPassword(input.password);
    // With commit hooks: a sign-up may create dossiers (simulation token) or a pending expert.
    return transactionWithCommitHooks(db, async (trx) => {
      const user = await authRepository.insertUser(trx, {
        email: input.email,
        passwordHash,
        role,
        locale: input.language ?? 'fr',
      });
      await createProfile(trx, user.id);
      const { token } = await openSession(trx, user.id, meta);
      await authRepository.markLogin(trx, user.id);
      await recordConsents(trx, user.id, meta);
      await sendVerification(trx, user);
      await recordAudit(
        trx,
        { ...meta, actorId: user.id },
        { action: 'auth.signup', entityType: 'user', entityId: user.id, details: { role } },
      );
      // A new client or pending expert owes no second factor (unless an admin requires it of all).
      const session = await authRepository.findLiveSession(trx, hashToken(token));
      const secondFactor = session ? secondFactorState(session) : 'none';
      return { user: toPublicUser(user, role === 'client' ? 'active' : 'pending'), token, secondFactor };
    }).catch(duplicateToFieldError);
  }

  const recentSessions = createRecentSessions();

  /** Looks the session up (and refreshes last_seen_at when due): the answer is today's. */
  async function resolveSession(token: string): Promise<Actor | null> {
    const tokenHash = hashToken(token);
    const session = await authRepository.findLiveSession(db, tokenHash);
    if (!session) {
      recentSessions.forget(tokenHash);
      return null;
    }
    const lastSeenAt = await authRepository.touchSession(db, session);
    const actor: Actor = {
      userId: session.user_id,
      role: session.role,
      status: effectiveStatus(session, session.approval_status),
      sessionId: session.session_id,
      secondFactor: secondFactorState(session),
    };
    recentSessions.remember(tokenHash, actor, sessionGrants(session), lastSeenAt);
    return actor;
  }

  return {
    async signupClient(input: ClientSignup & { email: string; siren: string }, meta: RequestMeta) {
      return signup(
        'client',
        input,
        meta,
        await clientsRepository.sirenTaken(db, input.siren),
        async (trx, userId) => {
          await clientsRepository.insert(trx, { userId, ...input });
          if (input.simulationToken) await deps.onClientSession?.(trx, userId, input.simulationToken);
        },
      );
    },

    async signupExpert(input: ExpertSignup & { email: string; siren: string }, meta: RequestMeta) {
      return signup(
        'expert',
        input,
        meta,
        await expertsRepository.sirenTaken(db, input.siren),
        async (trx, userId) => {
          await expertsRepository.insert(trx, {
            userId,
            firmName: input.firmName,
            siren: input.siren,
            firstName: input.firstName,
            lastName: input.lastName,
            phone: input.phone ?? null,
            productCodes: [...new Set(input.productCodes)],
            yearsOfExperience: input.yearsOfExperience,
            languages: input.languages ?? ['fr'],
            bio: input.bio,
          });
          await deps.dashboardsChanged?.(trx);
        },
      );
    },

    /**
     * Same answer for an unknown e-mail and a wrong password, after the same amount of work. The
     * session opened may still owe a second factor (`secondFactor`), unless this browser carries a
     * trusted-device token of the user. Until the second step passes, the failure streak is kept,
     * so a known password does not reset the count of wrong codes.
     */
    async login(
      input: { email: string; password: string; simulationToken?: string | undefined },
      meta: RequestMeta,
      previousToken?: string,
      trustedDeviceToken?: string,
    ): Promise<IssuedSession> {
      await assertLoginAllowed(db, input.email, meta);
      const user = await authRepository.findUserByEmail(db, input.email);
      const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyPasswordHash));
      if (!user || !valid) {
        const locked = await db.transaction().execute((trx) => recordLoginFailure(trx, input.email, meta));
        if (locked) await assertLoginAllowed(db, input.email, meta);
        throw new AppError('INVALID_CREDENTIALS', 401, 'Adresse e-mail ou mot de passe incorrect.');
      }
      return transactionWithCommitHooks(db, async (trx) => {
        // Rotation: the session the browser had before logging in is not carried over.
        if (previousToken) await authRepository.revokeSessionByHash(trx, hashToken(previousToken));
        const { token, sessionId } = await openSession(trx, user.id, meta);
        const session = await authRepository.findLiveSession(trx, hashToken(token));
        let secondFactor = session ? secondFactorState(session) : 'none';
        const trusted =
          secondFactor === 'verify' && (await trustedDeviceMatches(trx, user.id, trustedDeviceToken));
        if (trusted) {
          await markSessionVerified(trx, sessionId, 'trusted_device');
          secondFactor = 'none';
        }
        if (secondFactor === 'none') await recordLoginSuccess(trx, input.email, meta);
        await authRepository.markLogin(trx, user.id);
        if (user.role === 'client' && input.simulationToken) {
          await deps.onClientSession?.(trx, user.id, input.simulationToken);
        }
        await recordAudit(
          trx,
          { ...meta, actorId: user.id },
          {
            action: 'auth.login',
            entityType: 'user',
            entityId: user.id,
            details: { secondFactor, ...(trusted ? { trustedDevice: true } : {}) },
          },
        );
        const profile =
          user.role === 'expert' ? await expertsRepository.findByUserId(trx, user.id) : undefined;
        return {
          user: toPublicUser(user, effectiveStatus(user, profile?.approval_status)),
          token,
          secondFactor,
        };
      });
    },

    resolveSession,

    /**
     * For the read routes that accept it: the session as this instance resolved it lately, to be
     * confirmed by the request's first scoped statement (recent-sessions.ts), else a lookup.
     */
    resolveReusableSession(token: string): Promise<Actor | null> | Actor {
      return recentSessions.reuse(hashToken(token)) ?? resolveSession(token);
    },

    async logout(actor: Actor, meta: RequestMeta) {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('id', '=', actor.sessionId)
          .execute();
        await recordAudit(trx, meta, {
          action: 'auth.logout',
          entityType: 'session',
          entityId: actor.sessionId,
        });
      });
    },

    async logoutEverywhere(actor: Actor, meta: RequestMeta) {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const result = await authRepository.revokeUserSessions(trx, actor.userId);
        await recordAudit(trx, meta, {
          action: 'auth.logout_everywhere',
          entityType: 'user',
          entityId: actor.userId,
          details: { revoked: Number(result.numUpdatedRows) },
        });
      });
    },

    async me(actor: Actor): Promise<MeResponse> {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const user = await trx
          .selectFrom('users')
          .selectAll()
          .where('id', '=', actor.userId)
          .executeTakeFirstOrThrow();
        let profile: Profile = { kind: 'admin' };
        if (actor.role === 'client') {
          const row = await clientsRepository.findByUserId(trx, actor.userId);
          if (row) profile = toClientProfile(row);
        } else if (actor.role === 'expert') {
          const row = await expertsRepository.findByUserId(trx, actor.userId);
          if (row) profile = toExpertProfile(row);
        }
        return {
          user: toPublicUser(user, actor.status),
          profile,
          secondFactor: actor.secondFactor,
          // Staff accept the texts through their contract, not the sign-up form.
          pendingConsents: actor.role === 'admin' ? [] : await pendingConsents(trx, actor.userId),
        };
      });
    },

    async listSessions(actor: Actor) {
      const rows = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        trx
          .selectFrom('sessions')
          .selectAll()
          .where('user_id', '=', actor.userId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', new Date())
          .orderBy('last_seen_at', 'desc')
          .execute(),
      );
      return {
        sessions: rows.map((row) => ({
          id: row.id,
          createdAt: row.created_at.toISOString(),
          lastSeenAt: row.last_seen_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
          ip: row.ip,
          userAgent: row.user_agent,
          current: row.id === actor.sessionId,
        })),
      };
    },

    /** Closes one of the caller's sessions; someone else's session id is simply not found. */
    async revokeSession(actor: Actor, sessionId: string, meta: RequestMeta) {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const revoked = await trx
          .updateTable('sessions')
          .set({ revoked_at: new Date() })
          .where('id', '=', sessionId)
          .where('user_id', '=', actor.userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(revoked.numUpdatedRows) === 0) throw notFound('Session introuvable.');
        await recordAudit(trx, meta, {
          action: 'auth.session_revoked',
          entityType: 'session',
          entityId: sessionId,
        });
      });
    },

    /**
     * System work (CLI, demo data): admins have no public sign-up. The second factor is enrolled at
     * once, so no admin account ever exists that a password alone could enrol for an attacker.
     */
    async createAdmin(input: { email: string; password: string }) {
      const email = input.email.trim().toLowerCase();
      const weakness = passwordWeakness(input.password, email);
      if (weakness) throw validationFailed([{ field: 'password', message: weakness }]);
      if (await authRepository.findUserByEmail(db, email)) {
        throw validationFailed([
          { field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' },
        ]);
      }
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const user = await authRepository.insertUser(trx, { email, passwordHash, role: 'admin' });
        await authRepository.markEmailVerified(trx, user.id);
        const secondFactor = await enrolTotpDirectly(trx, user);
        await recordAudit(
          trx,
          { actorId: null, ip: null, userAgent: 'cli' },
          { action: 'admin.created', entityType: 'user', entityId: user.id, details: { totp: true } },
        );
        return { user: toPublicUser(user, 'active'), secondFactor };
      });
    },

    sendVerification,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
