import { dossierStatuses } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { businessGauge } from '../../platform/metrics/metrics';

/**
 * Dossiers per status, read at each metrics scrape as the owner (a platform-wide count, not a
 * caller's view). Every known status is set, zeros included, so a status that empties shows 0
 * instead of keeping its last value.
 */
export async function refreshDossierGauge(db: Kysely<DB>): Promise<void> {
  const rows = await db
    .selectFrom('dossiers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts = new Map(rows.map((row) => [row.status, Number(row.count)]));
  for (const status of dossierStatuses) {
    businessGauge.set({ kind: 'dossier', state: status }, counts.get(status) ?? 0);
  }
}
