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
  return transactionWithCommitHooks(db, async (trx) => {
    await sql`select set_config('app.user_id', ${scope.userId ?? ''}, true),
                     set_config('app.role', ${scope.role}, true)`.execute(trx);
    for (const [name, value] of Object.entries(scope.settings ?? {})) {
      await sql`select set_config(${`app.${name}`}, ${value}, true)`.execute(trx);
    }
    await sql`set local role app_user`.execute(trx);
    return work(trx);
  });
}
