import { ENGINE_VERSION, WORKED_EXAMPLE_A as EXAMPLE_A, WORKED_EXAMPLE_B as EXAMPLE_B } from '@ft/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  clientSignupBody,
  createAdmin,
  login,
  signupClient,
  signupExpert,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Headers = Record<string, string>;
async function simulate(answers: Record<string, unknown>, headers: Headers = {}) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/simulations',
    headers,
    payload: { answers },
  });
  expect(created.statusCode).toBe(201);
  const { id, token } = created.json();
  const evaluated = await t.app.inject({
    method: 'POST',
    url: `/api/simulations/${id}/evaluate`,
    headers: { ...headers, 'x-simulation-token': token },
  });
  return { id, token, created, evaluated };
}
const dossiersOf = async (caller: Caller) =>
  (await t.app.inject({ url: '/api/dossiers', headers: caller.headers })).json().items as {
    productCode: string;
    estimatedAmountCents: number | null;
    status: string;
    noLongerEligible: boolean;
    id: string;
  }[];

describe('catalogue', () => {
  it('lists the products, CEE inactive', async () => {
    const res = await t.app.inject({ url: '/api/products' });
    expect(res.statusCode).toBe(200);
    const products = res.json().products;
    expect(products).toHaveLength(11);
    expect(products.find((p: { code: string }) => p.code === 'CEE')).toMatchObject({
      active: false,
      category: 'Énergie',
    });
  });

  it('lists the questions in order with their conditions', async () => {
    const questions = (await t.app.inject({ url: '/api/simulator/questions' })).json().questions;
    expect(questions.map((q: { code: string }) => q.code)).toEqual([
      'SECTOR',
      'ANNUAL_TURNOVER',
      'EMPLOYEES',
      'OWNS_PREMISES',
      'PROPERTY_TAX',
      'UNPAID_INVOICES',
      'HAS_ELECTRICITY_CONTRACT',
      'ELECTRICITY_MONTHLY_BILL',
      'HAS_GAS_CONTRACT',
      'GAS_MONTHLY_BILL',
      'HAS_VEHICLES',
      'VEHICLE_TYPES',
      'FUEL_LITRES_PER_MONTH',
      'DRIVERS',
    ]);
    expect(questions[4]).toMatchObject({
      type: 'amount',
      min: 0,
      max: 100_000_000,
      showWhen: { question: 'OWNS_PREMISES', op: 'equals', value: true },
    });
  });
});

describe('anonymous simulation', () => {
  it('evaluates worked example A to 159 300 € with 7 eligible products, setting the token cookie', async () => {
    const { created, evaluated } = await simulate(EXAMPLE_A);
    expect(String(created.headers['set-cookie'])).toMatch(/^ft_simulation=.*HttpOnly/);
    expect(evaluated.statusCode).toBe(200);
    expect(evaluated.json()).toMatchObject({ totalEuros: 159_300, eligibleCount: 7 });
    const ticpe = evaluated.json().products.find((p: { code: string }) => p.code === 'TICPE');
    expect(ticpe).toMatchObject({ eligible: true, amountEuros: 12_000 });
    expect(ticpe.explanation).toContain('× 12 mois × 0,20 €/L');
  });

  it('evaluates worked example B to 96 300 € with 4 eligible products', async () => {
    const { evaluated } = await simulate(EXAMPLE_B);
    expect(evaluated.json()).toMatchObject({ totalEuros: 96_300, eligibleCount: 4 });
  });

  it('saves a draft one answer at a time, lists what is missing, and refuses to evaluate it', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/simulations', payload: {} });
    const { id, token } = created.json();
    const headers = { 'x-simulation-token': token };
    const first = await t.app.inject({
      method: 'PUT',
      url: `/api/simulations/${id}/answers`,
      headers,
      payload: { answers: { SECTOR: 'transport' } },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({
      method: 'PUT',
      url: `/api/simulations/${id}/answers`,
      headers,
      payload: { answers: { OWNS_PREMISES: true } },
    });
    expect(second.json().answers).toEqual({ SECTOR: 'transport', OWNS_PREMISES: true });
    expect(second.json().missing).toContain('PROPERTY_TAX');
    const early = await t.app.inject({ method: 'POST', url: `/api/simulations/${id}/evaluate`, headers });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('ANSWERS_MISSING');
    expect(early.json().errors.map((e: { field: string }) => e.field)).toContain('answers.EMPLOYEES');
  });

  it.each([
    [{ ...EXAMPLE_A, DRIVERS: 10_000 }, 'DRIVERS'],
    [{ FUEL_LITRES_PER_MONTH: -1, HAS_VEHICLES: true }, 'FUEL_LITRES_PER_MONTH'],
    [{ FUEL_LITRES_PER_MONTH: 2.5, HAS_VEHICLES: true }, 'FUEL_LITRES_PER_MONTH'],
    [{ FUEL_LITRES_PER_MONTH: 'beaucoup', HAS_VEHICLES: true }, 'FUEL_LITRES_PER_MONTH'],
    [{ OWNS_PREMISES: false, PROPERTY_TAX: 1_000 }, 'PROPERTY_TAX'],
    [{ FAVOURITE_COLOUR: 'bleu' }, 'FAVOURITE_COLOUR'],
  ])('refuses %o with a 400 naming %s (worked example C)', async (answers, question) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/simulations', payload: { answers } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain(question);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(`answers.${question}`);
  });

  it('drops an answer that a later answer hides', async () => {
    const { id, token } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/simulations',
        payload: { answers: { OWNS_PREMISES: true, PROPERTY_TAX: 5_000 } },
      })
    ).json();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/simulations/${id}/answers`,
      headers: { 'x-simulation-token': token },
      payload: { answers: { OWNS_PREMISES: false } },
    });
    expect(res.json().answers).toEqual({ OWNS_PREMISES: false });
  });

  it('is reachable only with its token', async () => {
    const { id } = await simulate(EXAMPLE_B);
    expect((await t.app.inject({ url: `/api/simulations/${id}` })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          url: `/api/simulations/${id}`,
          headers: { 'x-simulation-token': 'x'.repeat(43) },
        })
      ).statusCode,
    ).toBe(404);
    const stranger = await signupClient(t.app);
    expect(
      (await t.app.inject({ url: `/api/simulations/${id}`, headers: stranger.headers })).statusCode,
    ).toBe(404);
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/simulations/${id}/answers`,
      headers: stranger.headers,
      payload: { answers: { EMPLOYEES: 1 } },
    });
    expect(put.statusCode).toBe(404);
  });

  it('is purged by the scheduled job after 7 days, unless attached to a client', async () => {
    const old = await simulate(EXAMPLE_B);
    await sql`update simulations set expires_at = now() - interval '1 minute' where id = ${old.id}`.execute(
      t.database.db,
    );
    expect(
      (
        await t.app.inject({
          url: `/api/simulations/${old.id}`,
          headers: { 'x-simulation-token': old.token },
        })
      ).statusCode,
    ).toBe(404);
    expect(await t.scheduler.runNow('purge-expired-simulations', { force: true })).toBe('succeeded');
    const left = await t.database.db
      .selectFrom('simulations')
      .select('id')
      .where('id', '=', old.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('from simulation to dossiers', () => {
  it('signing up with the token creates one eligible dossier per eligible product with its estimate', async () => {
    const { token } = await simulate(EXAMPLE_A);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody({ simulationToken: token }),
    });
    expect(res.statusCode).toBe(201);
    const client = {
      id: res.json().user.id,
      email: res.json().user.email,
      token: res.json().token,
      headers: { authorization: `Bearer ${res.json().token}` },
    };
    const dossiers = await dossiersOf(client);
    expect(dossiers).toHaveLength(7);
    expect(dossiers.every((d) => d.status === 'eligible')).toBe(true);
    const byProduct = Object.fromEntries(dossiers.map((d) => [d.productCode, d.estimatedAmountCents]));
    expect(byProduct).toMatchObject({ TICPE: 1_200_000, URSSAF: 12_250_000, DIGITAL_TACHOGRAPH: null });
  });

  it('logging in with the simulation cookie attaches it too', async () => {
    const client = await signupClient(t.app);
    const { token } = await simulate(EXAMPLE_B);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `ft_simulation=${token}` },
      payload: { email: client.email, password: 'Correct-horse-battery-42' },
    });
    expect(res.statusCode).toBe(200);
    expect((await dossiersOf(client)).map((d) => d.productCode).sort()).toEqual([
      'ELECTRICITY_SUPPLIER',
      'GAS_SUPPLIER',
      'PROPERTY_TAX',
      'URSSAF',
    ]);
  });

  it('re-running merges: updates eligible estimates with history, never touches a dossier that moved on, adds and flags', async () => {
    const client = await signupClient(t.app);
    await simulate(EXAMPLE_B, client.headers);
    const before = Object.fromEntries((await dossiersOf(client)).map((d) => [d.productCode, d]));
    expect(Object.keys(before).sort()).toEqual([
      'ELECTRICITY_SUPPLIER',
      'GAS_SUPPLIER',
      'PROPERTY_TAX',
      'URSSAF',
    ]);
    // The property-tax dossier has moved on in the workflow.
    await sql`update dossiers set status = 'pending_admin_review' where id = ${before.PROPERTY_TAX?.id}`.execute(
      t.database.db,
    );

    const rerun = {
      ...EXAMPLE_B,
      EMPLOYEES: 30,
      PROPERTY_TAX: 20_000,
      HAS_GAS_CONTRACT: false,
      UNPAID_INVOICES: 4_000,
    };
    delete (rerun as Record<string, unknown>).GAS_MONTHLY_BILL;
    const { evaluated } = await simulate(rerun, client.headers);
    expect(evaluated.statusCode).toBe(200);
    expect(evaluated.json().dossierChanges).toEqual({ created: 1, updated: 1, flagged: 1 });
    const latest = await t.app.inject({ url: '/api/simulations/latest', headers: client.headers });
    expect(latest.json().simulation.answers).toMatchObject({ EMPLOYEES: 30, UNPAID_INVOICES: 4_000 });

    const after = Object.fromEntries((await dossiersOf(client)).map((d) => [d.productCode, d]));
    expect(after.URSSAF).toMatchObject({
      id: before.URSSAF?.id,
      estimatedAmountCents: 10_500_000,
      noLongerEligible: false,
    });
    expect(after.PROPERTY_TAX).toMatchObject({
      status: 'pending_admin_review',
      estimatedAmountCents: before.PROPERTY_TAX?.estimatedAmountCents,
    });
    expect(after.GAS_SUPPLIER).toMatchObject({
      id: before.GAS_SUPPLIER?.id,
      noLongerEligible: true,
      status: 'eligible',
    });
    expect(after.DEBT_RECOVERY).toMatchObject({ status: 'eligible', estimatedAmountCents: 400_000 });
    const history = await t.database.db
      .selectFrom('dossier_estimates')
      .selectAll()
      .where('dossier_id', '=', before.URSSAF?.id ?? '')
      .execute();
    expect(history.map((h) => h.amount_cents)).toEqual([8_750_000]);

    const kept = await t.database.db
      .selectFrom('simulations')
      .select(['engine_version', 'client_id'])
      .where('client_id', '=', client.id)
      .execute();
    expect(kept).toHaveLength(2);
    expect(kept.every((s) => s.engine_version === ENGINE_VERSION)).toBe(true);
  });

  it('shows each client only its own dossiers', async () => {
    const alice = await signupClient(t.app);
    const bob = await signupClient(t.app);
    await simulate(EXAMPLE_A, alice.headers);
    expect(await dossiersOf(alice)).toHaveLength(7);
    expect(await dossiersOf(bob)).toEqual([]);
    const expert = await signupExpert(t.app);
    const pending = await t.app.inject({ url: '/api/dossiers', headers: expert.headers });
    expect(pending.statusCode).toBe(403);
    expect(pending.json().code).toBe('EXPERT_NOT_APPROVED');
    expect((await t.app.inject({ url: '/api/dossiers' })).statusCode).toBe(401);
  });
});

describe('admin catalogue', () => {
  it('lets an admin change a parameter for new simulations, audited; refuses bad parameters and unknown questions', async () => {
    const admin = await createAdmin(t);
    const patch = (payload: object, caller: Caller = admin) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/admin/products/PROPERTY_TAX',
        headers: caller.headers,
        payload,
      });
    expect((await patch({ params: { rate: -0.2 } })).json().errors[0].field).toBe('params.rate');
    expect((await patch({ params: { rate: 0.2, extra: 1 } })).statusCode).toBe(400);
    const unknown = await patch({ rule: { question: 'NOPE', op: 'gt', value: 0 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'rule' });
    const activateCee = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/products/CEE',
      headers: admin.headers,
      payload: { active: true },
    });
    expect(activateCee.statusCode).toBe(400);

    const client = await signupClient(t.app);
    expect((await patch({ params: { rate: 0.3 } }, client)).statusCode).toBe(403);

    const ok = await patch({ params: { rate: 0.25 } });
    expect(ok.statusCode).toBe(200);
    const { evaluated } = await simulate(EXAMPLE_A);
    expect(
      evaluated.json().products.find((p: { code: string }) => p.code === 'PROPERTY_TAX').amountEuros,
    ).toBe(2_500);
    const audit = await t.app.inject({
      url: '/api/admin/audit?action=catalogue.product_updated',
      headers: admin.headers,
    });
    expect(audit.json().items[0]).toMatchObject({
      entityId: 'PROPERTY_TAX',
      details: { before: { params: { rate: 0.2 } }, after: { params: { rate: 0.25 } } },
    });
    await patch({ params: { rate: 0.2 } });
  });

  it('keeps a logged-in admin able to log in normally', async () => {
    const admin = await createAdmin(t);
    await login(t.app, admin.email);
  });
});
