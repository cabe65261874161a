import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { transactionWithCommitHooks } from './commit-hooks';
import { foldableIntoBegin } from './deferred-begin';
import { sessionChanged } from './errors';

/** Who the database work is done for; `role` feeds the row-level security policies. */
export type DbScope = {
  userId: string | null;
  role: string;
  /** Further `app.*` settings a policy reads, e.g. the hash of a capability token presented. */
  settings?: Record<string, string>;
  /** A session resolved by an earlier request, to be confirmed by the database first (below). */
  session?: SessionCheck;
  /**
   * Plan the unit's statements generically (`plan_cache_mode = force_generic_plan` for this
   * transaction): a named statement (prepared.ts on a server) is then planned once per connection
   * instead of on every request. Only for units whose every statement is compiled once and whose
   * generic plans `bench:scaling` shows reading one page: an ad-hoc statement in such a unit would
   * get a plan made without its values.
   */
  genericPlans?: boolean;
};

/**
 * A session this instance resolved earlier and reuses without looking it up again. The scope's own
 * statement asks the database whether it still grants the same (`app_session_unchanged`, migration
 * 0085): the answer costs no round trip, and nothing of the unit runs if it does not.
 */
export type SessionCheck = {
  /** What the session granted when the lookup read it, `app_session_unchanged`'s arguments. */
  grants: string[];
  /** Set once a statement has confirmed the session in this request. */
  confirmed: boolean;
  /** Called when the database answers that the session changed: forget it. */
  onChanged: () => void;
};

/** The session changed since it was resolved (revoked, expired, role, status or second factor). */
export class SessionChangedError extends Error {
  constructor() {
    super('the session changed since this instance resolved it');
  }
}

export const ANONYMOUS_SCOPE: DbScope = { userId: null, role: 'anonymous' };

/**
 * `select set_config($1, $2, true), …` for n settings, then the session's check when there is one;
 * written once per shape (every request runs one).
 */
const setConfigSql = new Map<string, string>();
function setConfigStatement(count: number, checkedGrants: number): string {
  const key = `${count}:${checkedGrants}`;
  let text = setConfigSql.get(key);
  if (text === undefined) {
    const calls = Array.from({ length: count }, (_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
    if (checkedGrants > 0) {
      const args = Array.from({ length: checkedGrants }, (_, i) => `$${2 * count + i + 1}`);
      calls.push(`app_session_unchanged(${args.join(', ')})`);
    }
    text = `select ${calls.join(', ')}`;
    setConfigSql.set(key, text);
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
    ...(scope.genericPlans ? [['plan_cache_mode', 'force_generic_plan'] as [string, string]] : []),
    // `set_config('role', …, true)` is `SET LOCAL ROLE`: done in the same statement as the identity,
    // it saves every request a round trip to the database (bench/README.md). Last, so the settings
    // above are made by the owner.
    ['role', 'app_user'],
  ];
  const { session } = scope;
  const values = settings.flat();
  if (session) values.push(...session.grants);
  return transactionWithCommitHooks(db, async (trx) => {
    // On the server the statement leaves in the same message as `begin` (deferred-begin.ts).
    try {
      await trx.executeQuery(
        foldableIntoBegin(
          CompiledQuery.raw(setConfigStatement(settings.length, session?.grants.length ?? 0), values),
        ),
      );
    } catch (error) {
      if (!session || !sessionChanged(error)) throw error;
      session.onChanged();
      throw new SessionChangedError();
    }
    if (session) session.confirmed = true;
    return work(trx);
  });
}
