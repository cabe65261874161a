import {
  defaultCatalogue,
  ENGINE_VERSION,
  WORKED_EXAMPLE_A as EXAMPLE_A,
  WORKED_EXAMPLE_B as EXAMPLE_B,
  WORKED_EXAMPLE_C_ERRORS,
} from '@ft/domain';
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

const NNBSP = '\u202f';
/** The evaluation date of the spec's worked examples, 01/12/2026 in Paris. */
const NOW = new Date('2026-12-01T10:00:00+01:00');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { clock: () => NOW });
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

  it('lists the v2 questions in order with their conditions, units and hints', async () => {
    const questions = (await t.app.inject({ url: '/api/simulator/questions' })).json().questions;
    expect(questions.map((q: { code: string }) => q.code)).toEqual(
      defaultCatalogue.questions.map((q) => q.code),
    );
    expect(questions.find((q: { code: string }) => q.code === 'FUEL_LITRES_HEAVY_PER_YEAR')).toMatchObject({
      type: 'integer',
      unit: 'L',
      maxFromQuestion: 'HEAVY_VEHICLES',
      hint: expect.stringContaining('cartes carburant'),
    });
  });

  it('the seeded catalogue is the domain default (migration 0030 generated from it)', async () => {
    const admin = await createAdmin(t);
    const parameters = (await t.app.inject({ url: '/api/admin/parameters', headers: admin.headers })).json()
      .parameters as { code: string; periods: { id: number }[] }[];
    expect(
      parameters.map(({ periods, ...p }) => ({ ...p, periods: periods.map(({ id: _, ...rest }) => rest) })),
    ).toEqual(defaultCatalogue.parameters);
    const products = (await t.app.inject({ url: '/api/admin/products', headers: admin.headers })).json()
      .products as {
      code: string;
      amount: unknown;
      rule: unknown;
    }[];
    expect(products.map((p) => ({ code: p.code, amount: p.amount, rule: p.rule }))).toEqual(
      defaultCatalogue.products.map((p) => ({ code: p.code, amount: p.amount, rule: p.rule })),
    );
  });
});

describe('anonymous simulation', () => {
  it('evaluates worked example A on 01/12/2026: 67 301 € a year, 0 one-off, 7 eligible, setting the token cookie', async () => {
    const { created, evaluated } = await simulate(EXAMPLE_A);
    expect(String(created.headers['set-cookie'])).toMatch(/^ft_simulation=.*HttpOnly/);
    expect(evaluated.statusCode).toBe(200);
    const body = evaluated.json();
    expect(body).toMatchObject({
      evaluatedOn: '2026-12-01',
      annualEuros: 67_301,
      oneOffEuros: 0,
      eligibleCount: 7,
    });
    expect(body).not.toHaveProperty('totalEuros');
    const byCode = Object.fromEntries(body.products.map((p: { code: string }) => [p.code, p]));
    expect(byCode.TICPE).toMatchObject({ amountEuros: 46_680, period: 'annual', claimBy: '2027-12-31' });
    expect(byCode.TICPE.explanation).toContain(`300${NNBSP}000 L × 15,56 €/hl (tarif gazole 2026, DREAL`);
    expect(byCode.TICPE.sources[0]).toMatchObject({ short: 'DREAL', url: expect.stringMatching(/^https:/) });
    expect(byCode.DFS).toMatchObject({ amountEuros: 13_421, period: 'annual' });
    expect(byCode.ELECTRICITY_SUPPLIER).toMatchObject({ amountEuros: 7_200, period: 'annual' });
    expect(byCode.URSSAF).toMatchObject({ eligible: true, amountEuros: null, period: null });
    expect(byCode.PROPERTY_TAX).toMatchObject({ eligible: true, amountEuros: null });
    for (const code of ['GAS_SUPPLIER', 'MSA', 'DEBT_RECOVERY']) expect(byCode[code].eligible).toBe(false);
  });

  it('evaluates worked example B: 2 000 € a year, 11 160 € one-off, 4 eligible', async () => {
    const { evaluated } = await simulate(EXAMPLE_B);
    expect(evaluated.json()).toMatchObject({ annualEuros: 2_000, oneOffEuros: 11_160, eligibleCount: 4 });
    const byCode = Object.fromEntries(evaluated.json().products.map((p: { code: string }) => [p.code, p]));
    expect(byCode.PROPERTY_TAX).toMatchObject({
      amountEuros: 2_000,
      period: 'oneOff',
      claimBy: '2027-12-31',
    });
    expect(byCode.DEBT_RECOVERY).toMatchObject({ amountEuros: 9_160, period: 'oneOff' });
    expect(byCode.GAS_SUPPLIER).toMatchObject({
      eligible: false,
      reason: 'Votre prix est déjà sous le prix de référence.',
    });
  });

  it('keeps with the result the engine version and the parameters as they stood', async () => {
    const { id } = await simulate(EXAMPLE_A);
    const row = await t.database.db
      .selectFrom('simulations')
      .select(['engine_version', 'catalogue', 'evaluated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.engine_version).toBe(ENGINE_VERSION);
    expect((row.catalogue as { parameters: { code: string }[] }).parameters.map((p) => p.code)).toContain(
      'GAZOLE_TARIFF',
    );
    expect(row.evaluated_at?.toISOString()).toBe(NOW.toISOString());
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

  it.each(WORKED_EXAMPLE_C_ERRORS)(
    'refuses $patch with a 400 naming $question (worked example C)',
    async ({ base, patch, question }) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/simulations',
        payload: { answers: { ...base, ...patch } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain(question);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(`answers.${question}`);
    },
  );

  it('says the litres bound in words, and refuses v1 questions, text for numbers, unknown codes', async () => {
    const litres = await t.app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { answers: { ...EXAMPLE_A, FUEL_LITRES_HEAVY_PER_YEAR: 700_000 } },
    });
    expect(litres.json().errors[0].message).toBe(
      `Plus de 60${NNBSP}000 L par véhicule et par an (700${NNBSP}000 L pour 10 véhicules) : vérifiez le chiffre.`,
    );
    for (const answers of [
      { HAS_VEHICLES: true, FUEL_LITRES_PER_MONTH: 5_000 },
      { DRIVERS: 3 },
      { EMPLOYEES: 'beaucoup' },
      { FAVOURITE_COLOUR: 'bleu' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/simulations', payload: { answers } });
      expect(res.statusCode, JSON.stringify(answers)).toBe(400);
    }
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
    expect(byProduct).toMatchObject({
      TICPE: 4_668_000,
      DFS: 1_342_100,
      URSSAF: null,
      DIGITAL_TACHOGRAPH: null,
    });
    const ticpe = await t.database.db
      .selectFrom('dossiers')
      .select(['amount_period', 'claim_by', 'claim_by_text'])
      .where('client_id', '=', client.id)
      .where('product_code', '=', 'TICPE')
      .executeTakeFirstOrThrow();
    expect(ticpe).toEqual({
      amount_period: 'annual',
      claim_by: '2027-12-31',
      claim_by_text: 'Vos consommations 2025 peuvent être réclamées jusqu’au 31/12/2027.',
    });
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
      'DEBT_RECOVERY',
      'ELECTRICITY_SUPPLIER',
      'PROPERTY_TAX',
      'URSSAF',
    ]);
  });

  it('re-running merges: updates eligible estimates with history, never touches a dossier that moved on, adds and flags', async () => {
    const client = await signupClient(t.app);
    await simulate(EXAMPLE_B, client.headers);
    const before = Object.fromEntries((await dossiersOf(client)).map((d) => [d.productCode, d]));
    expect(Object.keys(before).sort()).toEqual([
      'DEBT_RECOVERY',
      'ELECTRICITY_SUPPLIER',
      'PROPERTY_TAX',
      'URSSAF',
    ]);
    // The property-tax dossier has moved on in the workflow.
    await sql`update dossiers set status = 'pending_admin_review' where id = ${before.PROPERTY_TAX?.id}`.execute(
      t.database.db,
    );

    const { UNPAID_INVOICE_COUNT: _c, UNPAID_AGE: _a, ...rest } = EXAMPLE_B;
    const rerun = {
      ...rest,
      ELECTRICITY_PRICE_PER_MWH: 170,
      GAS_PRICE_PER_MWH: 55,
      UNPAID_INVOICES: 0,
      PROPERTY_TAX: 20_000,
    };
    const { evaluated } = await simulate(rerun, client.headers);
    expect(evaluated.statusCode).toBe(200);
    expect(evaluated.json().dossierChanges).toEqual({ created: 1, updated: 1, flagged: 1 });

    const after = Object.fromEntries((await dossiersOf(client)).map((d) => [d.productCode, d]));
    expect(after.ELECTRICITY_SUPPLIER).toMatchObject({
      id: before.ELECTRICITY_SUPPLIER?.id,
      estimatedAmountCents: 280_000,
    });
    expect(after.PROPERTY_TAX).toMatchObject({
      status: 'pending_admin_review',
      estimatedAmountCents: 200_000,
    });
    expect(after.DEBT_RECOVERY).toMatchObject({
      id: before.DEBT_RECOVERY?.id,
      noLongerEligible: true,
      status: 'eligible',
    });
    expect(after.GAS_SUPPLIER).toMatchObject({ status: 'eligible', estimatedAmountCents: 60_000 });
    expect(after.URSSAF).toMatchObject({ id: before.URSSAF?.id, estimatedAmountCents: null });
    const history = await t.database.db
      .selectFrom('dossier_estimates')
      .selectAll()
      .where('dossier_id', '=', before.ELECTRICITY_SUPPLIER?.id ?? '')
      .execute();
    expect(history.map((h) => [h.amount_cents, h.amount_period])).toEqual([[200_000, 'annual']]);
  });

  it('a v1 simulation keeps its result and engine version; re-running uses v2 and merges into its dossiers', async () => {
    const client = await signupClient(t.app);
    // What engine 1.1.0 stored for worked example A of the first spec, and the dossiers it made.
    const v1Result = {
      totalEuros: 159_300,
      eligibleCount: 2,
      products: [
        {
          code: 'TICPE',
          eligible: true,
          amountEuros: 12_000,
          explanation: '5 000 L × 12 mois × 0,20 €/L = 12 000 €',
        },
        {
          code: 'URSSAF',
          eligible: true,
          amountEuros: 122_500,
          explanation: '35 salariés × 35 000 € × 10 % = 122 500 €',
        },
      ],
    };
    const v1 = await t.database.db
      .insertInto('simulations')
      .values({
        token_hash: `v1-${client.id}`,
        client_id: client.id,
        answers: JSON.stringify({ SECTOR: 'transport', FUEL_LITRES_PER_MONTH: 5_000, DRIVERS: 10 }),
        result: JSON.stringify(v1Result),
        catalogue: JSON.stringify([
          { code: 'TICPE', params: { months: 12, refundPerLitre: 0.2 }, active: true },
        ]),
        engine_version: '1.1.0',
        evaluated_at: new Date('2026-03-01T10:00:00Z'),
        expires_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const product of v1Result.products) {
      await t.database.db
        .insertInto('dossiers')
        .values({
          client_id: client.id,
          product_code: product.code,
          track: 'full',
          estimated_amount_cents: product.amountEuros * 100,
          estimate_explanation: product.explanation,
          simulation_id: v1.id,
        })
        .execute();
    }

    const { evaluated } = await simulate(EXAMPLE_A, client.headers);
    expect(evaluated.json().dossierChanges).toEqual({ created: 5, updated: 2, flagged: 0 });
    const after = Object.fromEntries((await dossiersOf(client)).map((d) => [d.productCode, d]));
    expect(after.TICPE?.estimatedAmountCents).toBe(4_668_000);
    // No sourced formula any more: the expert establishes the amount (the SPA says so for null).
    expect(after.URSSAF?.estimatedAmountCents).toBeNull();
    const history = await t.database.db
      .selectFrom('dossier_estimates')
      .select(['amount_cents', 'simulation_id'])
      .where('dossier_id', '=', after.URSSAF?.id ?? '')
      .execute();
    expect(history).toEqual([{ amount_cents: 12_250_000, simulation_id: v1.id }]);

    const old = await t.app.inject({ url: `/api/simulations/${v1.id}`, headers: client.headers });
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ engineVersion: '1.1.0', result: { totalEuros: 159_300 } });
    const versions = await t.database.db
      .selectFrom('simulations')
      .select('engine_version')
      .where('client_id', '=', client.id)
      .orderBy('created_at')
      .execute();
    expect(versions.map((v) => v.engine_version)).toEqual(['1.1.0', ENGINE_VERSION]);
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
  it('refuses unknown questions and activating a product without a calculation', async () => {
    const admin = await createAdmin(t);
    const patch = (code: string, payload: object, caller: Caller = admin) =>
      t.app.inject({ method: 'PATCH', url: `/api/admin/products/${code}`, headers: caller.headers, payload });
    const unknown = await patch('PROPERTY_TAX', { rule: { question: 'NOPE', op: 'gt', value: 0 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'rule' });
    expect((await patch('CEE', { active: true })).statusCode).toBe(400);
    const client = await signupClient(t.app);
    expect((await patch('PROPERTY_TAX', { name: 'Taxe foncière' }, client)).statusCode).toBe(403);
    expect((await patch('PROPERTY_TAX', { name: 'Optimisation de la taxe foncière' })).statusCode).toBe(200);
  });

  it('keeps a logged-in admin able to log in normally', async () => {
    const admin = await createAdmin(t);
    await login(t.app, admin.email);
  });
});
