import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/http/errors';
import { waitLabel } from '../../platform/http/wait-label';

export const LOCK_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account from one address before that address is locked out of it. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Wrong passwords from one address, whatever the accounts, before it is refused (stuffing). */
export const MAX_FAILURES_PER_IP = 30;
/**
 * Wrong passwords for one account from every address together (a guess spread over many
 * machines). Past it, only addresses the account has already signed in from may keep trying, so
 * the owner is not locked out by the attack.
 */
export const MAX_FAILURES_PER_ACCOUNT_ALL_IPS = 100;
/** How long a successful sign-in makes an address "known" to the account. */
const KNOWN_ADDRESS_MS = 30 * 24 * 3600 * 1000;

const tooMany = (retryAfterSeconds: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    429,
    `Trop de tentatives de connexion. Réessayez dans ${waitLabel(seconds)}.`,
    { headers: { 'retry-after': String(seconds) } },
  );
};

/** A lock is per address; requests without one (scripts through app.inject) share ''. */
const addressOf = (meta: RequestMeta) => meta.ip ?? '';

const windowStart = () => new Date(Date.now() - LOCK_WINDOW_MS);

/**
 * Seconds until fewer than `max` failures remain in the sliding window, or null when fewer already
 * do: the `max`-th most recent failure is the one that has to age out.
 */
async function secondsUntilBelow(
  db: Kysely<DB>,
  max: number,
  where: { email?: string; ip?: string },
): Promise<number | null> {
  let query = db
    .selectFrom('login_attempts')
    .select('created_at')
    .where('succeeded', '=', false)
    .where('created_at', '>', windowStart());
  if (where.email !== undefined) query = query.where('email', '=', where.email);
  if (where.ip !== undefined) query = query.where('ip', '=', where.ip);
  const row = await query
    .orderBy('created_at', 'desc')
    .offset(max - 1)
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return (row.created_at.getTime() + LOCK_WINDOW_MS - Date.now()) / 1000;
}

async function knownAddress(db: Kysely<DB>, email: string, ip: string): Promise<boolean> {
  const success = await db
    .selectFrom('login_attempts')
    .select(sql<number>`1`.as('one'))
    .where('email', '=', email)
    .where('ip', '=', ip)
    .where('succeeded', '=', true)
    .where('created_at', '>', new Date(Date.now() - KNOWN_ADDRESS_MS))
    .limit(1)
    .executeTakeFirst();
  return success !== undefined;
}

/**
 * Refuses a sign-in attempt (or a second-factor attempt) while this address is locked out of the
 * account, while the address has failed too often overall, or while the account is under a guess
 * spread over many addresses and this one is not known to it. The counters live in the database,
 * so every API instance enforces the same limits, and the refusal says the real remaining time.
 */
export async function assertLoginAllowed(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  const ip = addressOf(meta);
  const lock = await db
    .selectFrom('account_locks')
    .selectAll()
    .where('email', '=', email)
    .where('ip', '=', ip)
    .executeTakeFirst();
  if (lock && lock.locked_until > new Date()) {
    throw tooMany((lock.locked_until.getTime() - Date.now()) / 1000);
  }
  if (lock) {
    await db.deleteFrom('account_locks').where('email', '=', email).where('ip', '=', ip).execute();
    await recordAudit(
      db,
      { ...meta, actorId: null },
      { action: 'security.account_unlocked', details: { email, ip } },
    );
  }
  if (meta.ip) {
    const wait = await secondsUntilBelow(db, MAX_FAILURES_PER_IP, { ip: meta.ip });
    if (wait !== null && wait > 0) {
      await recordAudit(
        db,
        { ...meta, actorId: null },
        { action: 'security.ip_throttled', details: { ip: meta.ip } },
      );
      throw tooMany(wait);
    }
  }
  const spread = await secondsUntilBelow(db, MAX_FAILURES_PER_ACCOUNT_ALL_IPS, { email });
  if (spread !== null && spread > 0 && !(await knownAddress(db, email, ip))) {
    await recordAudit(
      db,
      { ...meta, actorId: null },
      { action: 'security.account_throttled', details: { email, alert: true } },
    );
    throw tooMany(spread);
  }
}

/**
 * Records a failure; the fifth for this account from this address within the window locks that
 * address out of the account and raises an alert. Returns whether it locked.
 */
export async function recordLoginFailure(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<boolean> {
  const ip = addressOf(meta);
  await db.insertInto('login_attempts').values({ email, ip: meta.ip, succeeded: false }).execute();
  await recordAudit(db, { ...meta, actorId: null }, { action: 'security.login_failed', details: { email } });
  let failures = db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('created_at', '>', windowStart());
  failures = meta.ip ? failures.where('ip', '=', meta.ip) : failures.where('ip', 'is', null);
  const { count } = await failures.executeTakeFirstOrThrow();
  if (Number(count) < MAX_FAILURES_PER_ACCOUNT) return false;
  const lockedUntil = new Date(Date.now() + LOCK_WINDOW_MS);
  await db
    .insertInto('account_locks')
    .values({ email, ip, locked_until: lockedUntil })
    .onConflict((oc) => oc.columns(['email', 'ip']).doUpdateSet({ locked_until: lockedUntil }))
    .execute();
  await recordAudit(
    db,
    { ...meta, actorId: null },
    {
      action: 'security.account_locked',
      details: { email, ip, lockedUntil: lockedUntil.toISOString(), alert: true },
    },
  );
  return true;
}

export async function recordLoginSuccess(db: Kysely<DB>, email: string, meta: RequestMeta): Promise<void> {
  await db.insertInto('login_attempts').values({ email, ip: meta.ip, succeeded: true }).execute();
  // A success clears this address's failure streak on the account: five new failures lock it again.
  let streak = db.deleteFrom('login_attempts').where('email', '=', email).where('succeeded', '=', false);
  streak = meta.ip ? streak.where('ip', '=', meta.ip) : streak.where('ip', 'is', null);
  await streak.execute();
}
