import { WORKED_EXAMPLE_A as EXAMPLE_A } from '@ft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let now = new Date('2026-12-01T10:00:00+01:00');
let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp({}, { clock: () => now });
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const addPeriod = (code: string, payload: object, caller: Caller = admin) =>
  t.app.inject({
    method: 'POST',
    url: `/api/admin/parameters/${code}/periods`,
    headers: caller.headers,
    payload,
  });

async function dfsOn(day: Date) {
  now = day;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/simulations',
    payload: { answers: EXAMPLE_A },
  });
  const evaluated = await t.app.inject({
    method: 'POST',
    url: `/api/simulations/${created.json().id}/evaluate`,
    headers: { 'x-simulation-token': created.json().token },
  });
  return evaluated.json().products.find((p: { code: string }) => p.code === 'DFS');
}

describe('dated parameters in the catalogue', () => {
  it('lists every parameter with its periods and sources, to admins only', async () => {
    const res = await t.app.inject({ url: '/api/admin/parameters', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const gazole = res.json().parameters.find((p: { code: string }) => p.code === 'GAZOLE_TARIFF');
    expect(gazole.periods.map((p: { validFrom: string; value: number }) => [p.validFrom, p.value])).toEqual([
      ['2024-01-01', 60.9],
      ['2025-01-01', 60.94],
      ['2026-01-01', 60.75],
    ]);
    expect(gazole.periods[2].source).toMatchObject({ short: 'DREAL' });
    const client = await signupClient(t.app);
    expect((await t.app.inject({ url: '/api/admin/parameters', headers: client.headers })).statusCode).toBe(
      403,
    );
  });

  it('an admin adds next year’s rate with its source; evaluations from that day use it, earlier ones do not', async () => {
    const before = await dfsOn(new Date('2028-03-01T10:00:00+01:00'));
    expect(before.amountEuros).toBe(12_632);
    expect(before.explanation).toContain('(taux DFS 2027, dernière valeur publiée');

    const res = await addPeriod('DFS_RATE', {
      validFrom: '2028-01-01',
      validTo: '2028-12-31',
      value: 15,
      source: { label: 'BOSS, barème 2028', short: 'BOSS 2028', url: 'https://boss.gouv.fr/' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ validFrom: '2028-01-01', validTo: '2028-12-31', value: 15 });

    const after = await dfsOn(new Date('2028-03-01T10:00:00+01:00'));
    expect(after.amountEuros).toBe(11_842);
    expect(after.explanation).toContain('15 % (taux DFS 2028, BOSS 2028)');
    expect(after.sources).toContainEqual({
      label: 'BOSS, barème 2028',
      short: 'BOSS 2028',
      url: 'https://boss.gouv.fr/',
    });
    expect((await dfsOn(new Date('2026-12-01T10:00:00+01:00'))).amountEuros).toBe(13_421);

    const audit = await t.app.inject({
      url: '/api/admin/audit?action=catalogue.parameter_period_added',
      headers: admin.headers,
    });
    expect(audit.json().items[0]).toMatchObject({ entityId: 'DFS_RATE', details: { value: 15 } });
  });

  it('refuses a period that overlaps another, naming the field and the period', async () => {
    const res = await addPeriod('GAZOLE_TARIFF', {
      validFrom: '2027-01-01',
      value: 61,
      source: { label: 'Arrêté 2027' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'PERIOD_OVERLAP',
      errors: [
        { field: 'validFrom', message: 'Cette période chevauche celle du 01/01/2026 sans date de fin.' },
      ],
    });
    const inside = await addPeriod('DFS_RATE', {
      validFrom: '2026-06-01',
      validTo: '2026-06-30',
      value: 1,
      source: { label: 'x y' },
    });
    expect(inside.json().errors[0].message).toBe(
      'Cette période chevauche celle du 01/01/2026 au 31/12/2026.',
    );
  });

  it.each([
    [{ validFrom: '2029-13-01', value: 1, source: { label: 'Arrêté' } }, 'validFrom'],
    [{ validFrom: '2029-01-01', validTo: '2028-12-31', value: 1, source: { label: 'Arrêté' } }, 'validTo'],
    [{ validFrom: '2029-01-01', value: -1, source: { label: 'Arrêté' } }, 'value'],
    [{ validFrom: '2029-01-01', value: 1 }, 'source'],
    [
      { validFrom: '2029-01-01', value: 1, source: { label: 'Arrêté', url: 'javascript:alert(1)' } },
      'source.url',
    ],
    [{ validFrom: '2029-01-01', value: '15', source: { label: 'Arrêté' } }, 'value'],
  ])('refuses %j with a 400 naming %s', async (payload, field) => {
    const res = await addPeriod('DFS_RATE', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('404 for an unknown parameter, 403 for a client', async () => {
    const body = { validFrom: '2030-01-01', value: 1, source: { label: 'Arrêté' } };
    expect((await addPeriod('NOPE', body)).statusCode).toBe(404);
    expect((await addPeriod('DFS_RATE', body, await signupClient(t.app))).statusCode).toBe(403);
  });
});
