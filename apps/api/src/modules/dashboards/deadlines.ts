import { FINAL_STATUSES, parisDay } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Notify } from '../notifications/service';

/** Reminder thresholds before a dossier's claim deadline, largest first. */
export const DEADLINE_REMINDER_DAYS = [60, 14] as const;

/** The threshold whose window holds `daysLeft`: (14, 60] → 60, [0, 14] → 14, else none. */
export function reminderThreshold(daysLeft: number): number | undefined {
  if (daysLeft < 0) return undefined;
  let chosen: number | undefined;
  for (const days of DEADLINE_REMINDER_DAYS) if (daysLeft <= days) chosen = days;
  return chosen;
}

/**
 * Scheduled daily: tells the client of each open dossier whose claim deadline is 60 or 14 days
 * away (Paris calendar days). Once per dossier, deadline and threshold — the notice row is taken
 * first (`on conflict do nothing`), so two instances or a re-run never notify twice; a dossier
 * first seen 10 days before its deadline gets the 14-day reminder only. Closed dossiers and those
 * flagged no longer eligible are left alone.
 */
export async function sendDeadlineReminders(db: Kysely<DB>, notify: Notify, now: Date): Promise<number> {
  const today = parisDay(now);
  const due = await db
    .selectFrom('dossiers as d')
    .innerJoin('products as p', 'p.code', 'd.product_code')
    .select([
      'd.id',
      'd.client_id',
      'd.claim_by',
      'd.claim_by_text',
      'p.code',
      'p.name',
      sql<number>`d.claim_by - ${today}::date`.as('days_left'),
    ])
    .where('d.claim_by', 'is not', null)
    .where('d.status', 'not in', [...FINAL_STATUSES])
    .where('d.no_longer_eligible', '=', false)
    .where(sql<boolean>`d.claim_by - ${today}::date between 0 and ${Math.max(...DEADLINE_REMINDER_DAYS)}`)
    .execute();
  let sent = 0;
  for (const dossier of due) {
    const threshold = reminderThreshold(Number(dossier.days_left));
    if (threshold === undefined || !dossier.claim_by) continue;
    const taken = await db
      .insertInto('dossier_deadline_notices')
      .values({ dossier_id: dossier.id, claim_by: dossier.claim_by, days_before: threshold })
      .onConflict((conflict) => conflict.doNothing())
      .returning('dossier_id')
      .executeTakeFirst();
    if (!taken) continue;
    await notify(db, {
      userId: dossier.client_id,
      type: 'dossier.deadline',
      template: 'dossier.deadline',
      params: {
        product: dossier.name,
        productCode: dossier.code,
        claimBy: dossier.claim_by,
        days: Number(dossier.days_left),
        note: dossier.claim_by_text,
      },
      link: `/dossiers/${dossier.id}`,
      dossierId: dossier.id,
    });
    sent += 1;
  }
  return sent;
}
