import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { prepared } from '../../platform/db/prepared';

export const IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 30 * 24 * 3600 * 1000;
// Refreshing last_seen_at on every request would turn reads into writes; a few minutes is enough
// precision for a 7-day idle timeout.
export const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

export type EmailTokenPurpose = 'verify_email' | 'reset_password';
/** Links that grant control of the account (not mere address proof): a password change retires them. */
export const ACCOUNT_CONTROL_TOKENS: readonly EmailTokenPurpose[] = ['reset_password'];

export type SessionUser = {
  session_id: string;
  user_id: string;
  role: 'client' | 'expert' | 'admin';
  status: 'active' | 'suspended';
  approval_status: 'pending' | 'approved' | 'rejected' | 'suspended' | null;
  last_seen_at: Date;
  second_factor_at: Date | null;
  /** The user has a confirmed TOTP or a passkey. */
  has_second_factor: boolean;
  require_second_factor_for_all: boolean;
};

/**
 * What a session grants, as the lookup read it and as `app_session_unchanged` (migration 0085)
 * takes it back: session, user, role, status, the expert's approval ('' for none), whether this
 * session passed its second step, whether the user has a factor, whether all must.
 */
export function sessionGrants(session: SessionUser): string[] {
  return [
    session.session_id,
    session.user_id,
    session.role,
    session.status,
    session.approval_status ?? '',
    String(session.second_factor_at !== null),
    String(session.has_second_factor),
    String(session.require_second_factor_for_all),
  ];
}

/** findLiveSession's statement, compiled once: every authenticated request runs it (docs/performance.md). */
const liveSession = prepared(
  (db: Kysely<DB>, _shape: 'live', p: { tokenHash: string; now: Date; idleSince: Date }) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .leftJoin('expert_profiles as e', 'e.user_id', 'u.id')
      .select([
        's.id as session_id',
        'u.id as user_id',
        'u.role',
        'u.status',
        'e.approval_status',
        's.last_seen_at',
        's.second_factor_at',
        // Primary-key probes in the same round trip: whether a second step is owed is decided on
        // every request, as approval or the admin setting may change under a live session.
        sql<boolean>`exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null)
        or exists (select 1 from passkeys p where p.user_id = u.id)`.as('has_second_factor'),
        sql<boolean>`coalesce((select require_second_factor_for_all from security_settings), false)`.as(
          'require_second_factor_for_all',
        ),
      ])
      .where('s.token_hash', '=', p.tokenHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', p.now)
      .where('s.last_seen_at', '>', p.idleSince),
);

/** Identity bootstrap queries: run by the owner, before a caller is known. */
export const authRepository = {
  findUserByEmail(db: Kysely<DB>, email: string) {
    return db
      .selectFrom('users')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
  },

  findUserById(db: Kysely<DB>, id: string) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insertUser(
    db: Kysely<DB>,
    user: { email: string; passwordHash: string; role: 'client' | 'expert' | 'admin'; locale?: 'fr' | 'en' },
  ) {
    return db
      .insertInto('users')
      .values({
        email: user.email,
        password_hash: user.passwordHash,
        role: user.role,
        status: 'active',
        ...(user.locale ? { locale: user.locale } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  insertSession(
    db: Kysely<DB>,
    session: { userId: string; tokenHash: string; ip: string | null; userAgent: string | null },
  ) {
    return db
      .insertInto('sessions')
      .values({
        user_id: session.userId,
        token_hash: session.tokenHash,
        expires_at: new Date(Date.now() + ABSOLUTE_TIMEOUT_MS),
        ip: session.ip,
        user_agent: session.userAgent,
        revoked_at: null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
  },

  /** The live session for a token hash: not revoked, within both the idle and absolute limits. */
  async findLiveSession(db: Kysely<DB>, tokenHash: string): Promise<SessionUser | undefined> {
    const now = Date.now();
    const [session] = await liveSession(db, 'live', {
      tokenHash,
      now: new Date(now),
      idleSince: new Date(now - IDLE_TIMEOUT_MS),
    });
    return session as SessionUser | undefined;
  },

  /** Refreshes last_seen_at when it is older than its precision; returns the time it now holds. */
  async touchSession(db: Kysely<DB>, session: SessionUser): Promise<Date> {
    if (Date.now() - session.last_seen_at.getTime() < LAST_SEEN_PRECISION_MS) return session.last_seen_at;
    const now = new Date();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id', '=', session.session_id)
      .execute();
    return now;
  },

  revokeSessionByHash(db: Kysely<DB>, tokenHash: string) {
    return db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .execute();
  },

  revokeSessionById(db: Kysely<DB>, sessionId: string) {
    return db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
  },

  revokeUserSessions(db: Kysely<DB>, userId: string, exceptSessionId?: string) {
    let query = db
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
    return query.executeTakeFirst();
  },

  markLogin(db: Kysely<DB>, userId: string) {
    return db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', userId).execute();
  },

  setPassword(db: Kysely<DB>, userId: string, passwordHash: string) {
    return db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date() })
      .where('id', '=', userId)
      .execute();
  },

  insertEmailToken(
    db: Kysely<DB>,
    token: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; ttlMs: number },
  ) {
    return db
      .insertInto('email_tokens')
      .values({
        user_id: token.userId,
        purpose: token.purpose,
        token_hash: token.tokenHash,
        expires_at: new Date(Date.now() + token.ttlMs),
        used_at: null,
      })
      .execute();
  },

  /** Marks a live token used and returns its user; a second use finds nothing (single use). */
  consumeEmailToken(db: Kysely<DB>, purpose: EmailTokenPurpose, tokenHash: string) {
    return db
      .updateTable('email_tokens')
      .set({ used_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['user_id'])
      .executeTakeFirst();
  },

  /**
   * Drops the account's unused links of the given purposes: a newer reset link replaces older ones,
   * and a password change or reset retires every reset link still sitting in a mailbox.
   */
  discardEmailTokens(db: Kysely<DB>, userId: string, purposes: readonly EmailTokenPurpose[]) {
    return db
      .deleteFrom('email_tokens')
      .where('user_id', '=', userId)
      .where('purpose', 'in', purposes)
      .where('used_at', 'is', null)
      .execute();
  },

  markEmailVerified(db: Kysely<DB>, userId: string) {
    return db
      .updateTable('users')
      .set({ email_verified_at: new Date(), updated_at: new Date() })
      .where('id', '=', userId)
      .where('email_verified_at', 'is', null)
      .execute();
  },
};
