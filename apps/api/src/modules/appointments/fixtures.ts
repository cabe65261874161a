import { sql } from 'kysely';
import { approvedExpert, type Caller, signupClient } from '../../../test/factories';
import type { TestApp } from '../../../test/test-app';

/** Weekdays 09:00–12:00 and 14:00–17:00, Europe/Paris, no days off. */
export const OFFICE_HOURS = {
  timeZone: 'Europe/Paris',
  weekly: [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '14:00', end: '17:00' },
  ]),
  exceptions: [],
};

/**
 * A client's dossier with an expert assigned, as the dossier workflow leaves it once the expert
 * has accepted (written directly: the workflow has its own tests), and the expert's office hours.
 */
export async function dossierWithExpert(t: TestApp, admin: Caller, expert?: Caller) {
  const client = await signupClient(t.app);
  const assigned = expert ?? (await approvedExpert(t, admin));
  const dossier = await t.database.db
    .insertInto('dossiers')
    .values({
      client_id: client.id,
      product_code: 'URSSAF',
      track: 'full',
      estimated_amount_cents: 100,
      estimate_explanation: 'x',
      simulation_id: null,
      expert_id: assigned.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at)
    values (${dossier.id}, ${assigned.id}, 'accepted', now() + interval '48 hours')`.execute(t.database.db);
  const res = await t.app.inject({
    method: 'PUT',
    url: '/api/me/availability',
    headers: assigned.headers,
    payload: OFFICE_HOURS,
  });
  if (res.statusCode !== 200) throw new Error(`availability: ${res.statusCode} ${res.body}`);
  return { client, expert: assigned, dossierId: dossier.id };
}

export const proposal = (startsAt: string, durationMinutes = 60) => ({
  startsAt,
  durationMinutes,
  meeting: { type: 'video', link: 'https://visio.example.fr/salle-1' },
  agenda: 'Lancement du dossier',
});
