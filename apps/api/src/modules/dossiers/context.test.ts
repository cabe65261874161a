import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  validSiren,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { withScope } from '../../platform/db/scoped';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const assign = (dossierId: string, expertId: string) =>
  sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at)
      values (${dossierId}, ${expertId}, 'accepted', now() + interval '48 hours')`.execute(t.database.db);

describe('what an expert and an admin see of the client on dossiers', () => {
  it('lists the company, its SIREN and the contact on each dossier, and the simulation answers on the page', async () => {
    const siren = validSiren();
    const { client, byProduct } = await clientWithDossiers(t.app, {
      companyName: 'Transports Roux SAS',
      siren,
    });
    const expert = await approvedExpert(t, admin);
    const dossierId = byProduct.TICPE ?? '';
    await assign(dossierId, expert.id);

    for (const viewer of [expert, admin]) {
      const list = await t.app.inject({ url: '/api/dossiers?limit=100', headers: viewer.headers });
      expect(list.statusCode).toBe(200);
      const row = list.json().items.find((d: { id: string }) => d.id === dossierId);
      expect(row.client).toEqual({
        companyName: 'Transports Roux SAS',
        siren,
        contactName: 'Julie Bernard',
        email: client.email,
        phone: '+33 6 12 34 56 78',
      });

      const detail = await t.app.inject({ url: `/api/dossiers/${dossierId}`, headers: viewer.headers });
      expect(detail.statusCode).toBe(200);
      const answers = detail.json().simulationAnswers as { code: string; label: string; value: unknown }[];
      // Choices come as their labels, in questionnaire order.
      expect(answers[0]).toMatchObject({ code: 'SECTOR', label: "Secteur d'activité" });
      expect(answers[0]?.value).toBe('Transport et logistique');
      expect(answers.find((a) => a.code === 'EMPLOYEES')?.value).toEqual(expect.any(Number));
    }
  });

  it('gives an expert only the simulation of the dossiers assigned to it', async () => {
    const expert = await approvedExpert(t, admin);
    const { byProduct } = await clientWithDossiers(t.app);
    await clientWithDossiers(t.app);
    const mine = byProduct.URSSAF ?? '';
    await assign(mine, expert.id);
    const seen = await withScope(t.database.db, { userId: expert.id, role: 'expert' }, (trx) =>
      sql<{ id: string }>`select id from simulations`.execute(trx),
    );
    const own = await t.database.db
      .selectFrom('dossiers')
      .select('simulation_id')
      .where('id', '=', mine)
      .executeTakeFirstOrThrow();
    expect(seen.rows.map((row) => row.id)).toEqual([own.simulation_id]);
    const detail = await t.app.inject({ url: `/api/dossiers/${mine}`, headers: expert.headers });
    expect(detail.json().simulationAnswers.length).toBeGreaterThan(0);
    const visible = await t.app.inject({ url: '/api/dossiers?limit=100', headers: expert.headers });
    expect(visible.json().items.map((d: { id: string }) => d.id)).toEqual([mine]);
  });

  it('gives the parties the expert’s phone and usual video link, for appointments', async () => {
    const expert = await approvedExpert(t, admin);
    const { client, byProduct } = await clientWithDossiers(t.app);
    const dossierId = byProduct.DFS ?? '';
    await assign(dossierId, expert.id);
    const saved = await t.app.inject({
      method: 'PATCH',
      url: '/api/experts/me/profile',
      headers: expert.headers,
      payload: { phone: '+33 1 44 55 66 77', meetingLink: 'https://visio.example.fr/expert' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().meetingLink).toBe('https://visio.example.fr/expert');
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/experts/me/profile',
      headers: expert.headers,
      payload: { meetingLink: 'http://insecure.example.fr' },
    });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('meetingLink');
    const detail = await t.app.inject({ url: `/api/dossiers/${dossierId}`, headers: client.headers });
    expect(detail.json().assignment).toMatchObject({
      phone: '+33 1 44 55 66 77',
      meetingLink: 'https://visio.example.fr/expert',
    });
  });
});
