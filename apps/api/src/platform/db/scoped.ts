import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { transactionWithCommitHooks } from './commit-hooks';
import { foldableIntoBegin } from './deferred-begin';

/** Who the database work is done for; `role` feeds the row-level security policies. */
export type DbScope = {
  userId: string | null;
  role: string;
  /** Further `app.*` settings a policy reads, e.g. the hash of a capability token presented. */
  settings?: Record<string, string>;
};

export const ANONYMOUS_SCOPE: DbScope = { userId: null, role: 'anonymous' };

/** `select set_config($1, $2, true), …` for n settings, written once per n (every request runs one). */
const setConfigSql: string[] = [];
function setConfigStatement(count: number): string {
  let text = setConfigSql[count];
  if (text === undefined) {
    const calls = Array.from({ length: count }, (_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
    text = `select ${calls.join(', ')}`;
    setConfigSql[count] = text;
  }
  return text;
}

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
    // On the server the statement leaves in the same message as `begin` (deferred-begin.ts).
    await trx.executeQuery(
      foldableIntoBegin(CompiledQuery.raw(setConfigStatement(settings.length), settings.flat())),
    );
    return work(trx);
  });
}
