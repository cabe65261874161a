import { type Kysely, sql, type Transaction } from 'kysely';
import { transactionWithCommitHooks } from './commit-hooks';

/** Who the database work is done for; `role` feeds the row-level security policies. */
export type DbScope = {
  userId: string | null;
  role: string;
  /** Further `app.*` settings a policy reads, e.g. the hash of a capability token presented. */
  settings?: Record<string, string>;
};

export const ANONYMOUS_SCOPE: DbScope = { userId: null, role: 'anonymous' };

/**
 * Runs a unit of work in one transaction as the non-owner role `app_user`, with the caller's
 * identity in `app.user_id` / `app.role`. Row-level security policies read those settings, so
 * a faulty query in a service still cannot return another tenant's rows.
 */
export function withScope<DB, T>(db: Kysely<DB>, scope: DbScope, work: (trx: Transaction<DB>) => Promise<T>) {
  const settings: [string, string][] = [
    ['app.user_id', scope.userId ?? ''],
    ['app.role', scope.role],
    ...Object.entries(scope.settings ?? {}).map(([name, value]): [string, string] => [`app.${name}`, value]),
    // `set_config('role', …, true)` is `SET LOCAL ROLE`: done in the same statement as the identity,
    // it saves every request a round trip to the database (bench/README.md). Last, so the settings
    // above are made by the owner.
    ['role', 'app_user'],
  ];
  return transactionWithCommitHooks(db, async (trx) => {
    await sql`select ${sql.join(settings.map(([name, value]) => sql`set_config(${name}, ${value}, true)`))}`.execute(
      trx,
    );
    return work(trx);
  });
}
