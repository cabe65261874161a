import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { approvedExpert, type Caller, signupClient } from '../../../test/factories';
import type { TestApp } from '../../../test/test-app';

/** A client's dossier with an accepted expert, plus a second expert whose assignment ended. */
export async function dossierWithParties(t: TestApp, admin: Caller) {
  const client = await signupClient(t.app);
  const expert = await approvedExpert(t, admin);
  const formerExpert = await approvedExpert(t, admin);
  const { id: dossierId } = await t.database.db
    .insertInto('dossiers')
    .values({
      client_id: client.id,
      product_code: 'TICPE',
      track: 'full',
      estimated_amount_cents: 100,
      estimate_explanation: 'x',
      simulation_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setAssignment(t, dossierId, formerExpert.id, 'ended');
  await setAssignment(t, dossierId, expert.id, 'accepted');
  return { client, expert, formerExpert, dossierId };
}

export const setAssignment = (t: TestApp, dossierId: string, expertId: string, status: string) =>
  sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at)
      values (${dossierId}, ${expertId}, ${status}, now() + interval '48 hours')`.execute(t.database.db);

export async function openDossierConversation(t: TestApp, caller: Caller, dossierId: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${dossierId}/conversation`,
    headers: caller.headers,
  });
  if (res.statusCode !== 200 && res.statusCode !== 201)
    throw new Error(`open failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; dossierId: string | null };
}

export function send(t: TestApp, caller: Caller, conversationId: string, body: string, id = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: `/api/conversations/${conversationId}/messages`,
    headers: caller.headers,
    payload: { id, body },
  });
}
