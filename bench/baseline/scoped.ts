// The API's withScope (apps/api/src/platform/db/scoped.ts), statement for statement, for the
// baseline handlers of bench/scenarios.ts.
import { type BaselineDatabase, preparesStatements, type Query } from './database';

export type Scope = {
  userId: string | null;
  role: string;
  settings?: Record<string, string>;
  /**
   * As the API's `DbScope.genericPlans` (`plan_cache_mode` for this transaction), when the
   * baselines prepare their statements (BENCH_BASELINE_PREPARED=1); ignored otherwise.
   */
  genericPlans?: boolean;
};

/** `begin`; one `set_config` statement (identity, extra settings, then `role` last); the work; `commit`. */
export function scoped<T>(
  db: BaselineDatabase,
  scope: Scope,
  work: (query: Query) => Promise<T>,
): Promise<T> {
  const settings: [string, string][] = [
    ['app.user_id', scope.userId ?? ''],
    ['app.role', scope.role],
    ...Object.entries(scope.settings ?? {}).map(([name, value]): [string, string] => [`app.${name}`, value]),
    ...(scope.genericPlans && preparesStatements
      ? [['plan_cache_mode', 'force_generic_plan'] as [string, string]]
      : []),
    ['role', 'app_user'],
  ];
  return db.transaction(async (query) => {
    const calls = settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
    await query(`select ${calls.join(', ')}`, settings.flat());
    return work(query);
  });
}
