import { WORKED_EXAMPLE_A } from '@ft/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin } from '../../../test/factories';
import { deleteKeys, redisSkipReason, testRedisUrl, uniqueKeyPrefix } from '../../../test/redis';
import { createTestApp, type TestApp } from '../../../test/test-app';

type Product = { code: string; name: string };

const productName = async (t: TestApp, code: string) =>
  ((await t.app.inject({ url: '/api/products' })).json().products as Product[]).find((p) => p.code === code)
    ?.name;

/** Runs worked example A on `t` and returns the DFS estimate (it reads the dated DFS_RATE). */
async function dfsEstimate(t: TestApp) {
  const created = (
    await t.app.inject({ method: 'POST', url: '/api/simulations', payload: { answers: WORKED_EXAMPLE_A } })
  ).json();
  const evaluated = await t.app.inject({
    method: 'POST',
    url: `/api/simulations/${created.id}/evaluate`,
    headers: { 'x-simulation-token': created.token },
  });
  expect(evaluated.statusCode).toBe(200);
  return evaluated.json().products.find((p: { code: string }) => p.code === 'DFS').amountEuros as number;
}

/** After every DFS period of the default catalogue, so an admin can add the one in force. */
const LATER = new Date('2031-06-01T10:00:00Z');

/**
 * An admin writes on instance A; the reads after it go to instance B. With Redis, B is a second
 * instance over the same database; without it (one process, one cache) B is A itself.
 */
function catalogueCacheSuite(env: () => Record<string, string>, twoInstances: boolean) {
  let a: TestApp;
  let b: TestApp;
  let admin: Caller;
  let product: { code: string };
  beforeAll(async () => {
    a = await createTestApp(env(), { clock: () => LATER });
    b = twoInstances ? await createTestApp(env(), { database: a.database, clock: () => LATER }) : a;
    admin = await createAdmin(a);
    const products = (await a.app.inject({ url: '/api/admin/products', headers: admin.headers })).json()
      .products as { code: string }[];
    const first = products[0];
    if (!first) throw new Error('the seeded catalogue has no product');
    product = first;
  });
  afterAll(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  it('shows an admin edit on the next read of the product list and of the questions', async () => {
    // Both caches hold the catalogue before the edit.
    const original = await productName(b, product.code);
    expect(await productName(a, product.code)).toBe(original);
    const questions = (await b.app.inject({ url: '/api/simulator/questions' })).json();
    const renamed = `${original} (modifié)`;
    const res = await a.app.inject({
      method: 'PATCH',
      url: `/api/admin/products/${product.code}`,
      headers: admin.headers,
      payload: { name: renamed },
    });
    expect(res.statusCode).toBe(200);
    expect(await productName(b, product.code)).toBe(renamed);
    expect(await productName(a, product.code)).toBe(renamed);
    expect((await b.app.inject({ url: '/api/simulator/questions' })).json()).toEqual(questions);
  });

  it('evaluates simulations with a parameter period an admin just added', async () => {
    // 2031: no DFS period covers it, the latest published one (2027, 16 %) stands in.
    expect(await dfsEstimate(b)).toBe(12_632);
    const res = await a.app.inject({
      method: 'POST',
      url: '/api/admin/parameters/DFS_RATE/periods',
      headers: admin.headers,
      payload: { validFrom: '2031-01-01', validTo: '2031-12-31', value: 8, source: { label: 'BOSS 2031' } },
    });
    expect(res.statusCode).toBe(201);
    expect(await dfsEstimate(b)).toBe(6_316);
  });
}

describe('catalogue cache on one instance (in memory)', () => {
  catalogueCacheSuite(() => ({}), false);
});

describe.skipIf(!testRedisUrl)(
  `catalogue cache across two instances sharing Redis (${testRedisUrl ? 'shared' : redisSkipReason})`,
  () => {
    const prefix = uniqueKeyPrefix();
    afterAll(() => deleteKeys(testRedisUrl ?? '', prefix));
    catalogueCacheSuite(() => ({ REDIS_URL: testRedisUrl ?? '', REDIS_KEY_PREFIX: prefix }), true);
  },
);
