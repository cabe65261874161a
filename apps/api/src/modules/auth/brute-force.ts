import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/http/errors';

export const LOCK_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

const tooMany = (retryAfterSeconds: number) =>
  new AppError(
    'TOO_MANY_ATTEMPTS',
    429,
    `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    { headers: { 'retry-after': String(retryAfterSeconds) } },
  );

/**
 * Refuses a login attempt while the account is locked or the IP has failed too often. The counters
 * live in the database, so every API instance enforces the same limits.
 */
export async function assertLoginAllowed(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  const lock = await db.selectFrom('account_locks').selectAll().where('email', '=', email).executeTakeFirst();
  if (lock && lock.locked_until > new Date()) {
    throw tooMany(Math.ceil((lock.locked_until.getTime() - Date.now()) / 1000));
  }
  if (lock) {
    await db.deleteFrom('account_locks').where('email', '=', email).execute();
    await recordAudit(
      db,
      { ...meta, actorId: null },
      { action: 'security.account_unlocked', details: { email } },
    );
  }
  if (meta.ip) {
    const since = new Date(Date.now() - LOCK_WINDOW_MS);
    const failures = await db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('ip', '=', meta.ip)
      .where('succeeded', '=', false)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(failures.count) >= MAX_FAILURES_PER_IP) {
      await recordAudit(
        db,
        { ...meta, actorId: null },
        { action: 'security.ip_throttled', details: { ip: meta.ip } },
      );
      throw tooMany(LOCK_WINDOW_MS / 1000);
    }
  }
}

/** Records a failure; the fifth within the window locks the account and raises an alert. */
export async function recordLoginFailure(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<boolean> {
  await db.insertInto('login_attempts').values({ email, ip: meta.ip, succeeded: false }).execute();
  await recordAudit(db, { ...meta, actorId: null }, { action: 'security.login_failed', details: { email } });
  const since = new Date(Date.now() - LOCK_WINDOW_MS);
  const failures = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(failures.count) < MAX_FAILURES_PER_ACCOUNT) return false;
  const lockedUntil = new Date(Date.now() + LOCK_WINDOW_MS);
  await db
    .insertInto('account_locks')
    .values({ email, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('email').doUpdateSet({ locked_until: lockedUntil }))
    .execute();
  await recordAudit(
    db,
    { ...meta, actorId: null },
    {
      action: 'security.account_locked',
      details: { email, lockedUntil: lockedUntil.toISOString(), alert: true },
    },
  );
  return true;
}

export async function recordLoginSuccess(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  await db.insertInto('login_attempts').values({ email, ip: meta.ip, succeeded: true }).execute();
  // A success clears the account's failure streak so five new failures are needed to lock it.
  await db.deleteFrom('login_attempts').where('email', '=', email).where('succeeded', '=', false).execute();
}
