import { randomUUID } from 'node:crypto';
import type { Cache } from '../../platform/cache/cache';
import { afterCommit } from '../../platform/db/commit-hooks';

/**
 * Dashboards are cached this long at most: SLA breaches appear with the passing of time, not with a
 * write, so a minute is how late a newly overdue dossier may show up.
 */
export const DASHBOARD_CACHE_TTL_SECONDS = 60;

const GENERATION = 'dashboard:generation';

/**
 * What a module calls, inside the transaction of a write that changes what a dashboard shows
 * (a dossier created or moved, an assignment, an expert's approval, a product renamed): every
 * dashboard is invalidated once that transaction commits, or at once outside a transaction.
 */
export type DashboardsChanged = (trx: object) => Promise<void>;

/**
 * Dashboards are cached under a generation: a write bumps the generation (one key deleted), and
 * every cached dashboard of every role and user is gone for every instance sharing the cache,
 * without listing which views a write touches. The generation is bumped after the commit, so a
 * reader that sees the new generation loads committed data; a reader that loaded before the
 * commit stores its result under the old generation, where nobody reads it again.
 */
export function createDashboardCache(cache: Cache) {
  const bumped = new WeakSet<object>();
  const bump = () => cache.invalidate(GENERATION);

  const changed: DashboardsChanged = async (trx) => {
    // One bump per transaction, however many dossiers it touched.
    if (bumped.has(trx)) return;
    bumped.add(trx);
    if (!afterCommit(trx, bump)) await bump();
  };

  return {
    changed,
    /** `view` names the dashboard and, for per-user ones, the user (`client:<id>`). */
    async read<T>(view: string, load: () => Promise<T>): Promise<T> {
      const generation = await cache.getOrLoad(GENERATION, async () => randomUUID());
      return cache.getOrLoad(`dashboard:${generation}:${view}`, load);
    },
  };
}
