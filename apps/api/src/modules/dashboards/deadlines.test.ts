import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithDossiers } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { DEADLINE_REMINDERS_JOB } from '../../app';
import { reminderThreshold } from './deadlines';

let now = new Date('2026-12-01T10:00:00+01:00');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { clock: () => now });
});
afterAll(() => t.close());

async function runOn(day: string): Promise<void> {
  now = new Date(`${day}T09:00:00+01:00`);
  expect(await t.scheduler.runNow(DEADLINE_REMINDERS_JOB, { force: true })).toBe('succeeded');
}
const deadlineNotices = (userId: string) =>
  t.database.db
    .selectFrom('notifications')
    .select(['title', 'body', 'link', 'dossier_id'])
    .where('user_id', '=', userId)
    .where('type', '=', 'dossier.deadline')
    .orderBy('created_at')
    .execute();

describe('reminder thresholds', () => {
  it('60 days down to 15 → the 60-day reminder; 14 to 0 → the 14-day one; none outside', () => {
    expect([61, 60, 15, 14, 0, -1].map(reminderThreshold)).toEqual([undefined, 60, 60, 14, 14, undefined]);
  });
});

describe('claim deadlines', () => {
  it('show on the client dashboard, soonest first, with their sentence', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const res = await t.app.inject({ url: '/api/dashboard/client', headers: client.headers });
    expect(res.json()).toMatchObject({
      estimatedAnnualCents: (46_680 + 13_421 + 7_200) * 100,
      estimatedOneOffCents: 0,
      deadlines: [
        {
          dossierId: byProduct.TICPE,
          claimBy: '2027-12-31',
          claimByText: 'Vos consommations 2025 peuvent être réclamées jusqu’au 31/12/2027.',
        },
      ],
    });
  });

  it('notify the client 60 and 14 days before, once each, while the dossier is open', async () => {
    const open = await clientWithDossiers(t.app);
    const closed = await clientWithDossiers(t.app);
    await sql`update dossiers set status = 'cancelled' where id = ${closed.byProduct.TICPE}`.execute(
      t.database.db,
    );

    await runOn('2027-10-31'); // 61 days before 31/12/2027
    expect(await deadlineNotices(open.client.id)).toEqual([]);

    await runOn('2027-11-01'); // 60 days
    await runOn('2027-11-01');
    await runOn('2027-11-20');
    const first = await deadlineNotices(open.client.id);
    expect(first).toEqual([
      {
        title: 'Remboursement partiel de TICPE : à réclamer avant le 31/12/2027',
        body: 'Il reste 60 jours. Vos consommations 2025 peuvent être réclamées jusqu’au 31/12/2027.',
        link: `/dossiers/${open.byProduct.TICPE}`,
        dossier_id: open.byProduct.TICPE,
      },
    ]);

    await runOn('2027-12-17'); // 14 days
    await runOn('2027-12-30');
    const all = await deadlineNotices(open.client.id);
    expect(all.map((n) => n.body.slice(0, 18))).toEqual(['Il reste 60 jours.', 'Il reste 14 jours.']);
    expect(await deadlineNotices(closed.client.id)).toEqual([]);

    await runOn('2028-01-01'); // past the deadline: nothing more
    expect(await deadlineNotices(open.client.id)).toHaveLength(2);
  });
});
