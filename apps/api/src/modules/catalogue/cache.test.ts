import { WORKED_EXAMPLE_A } from '@ft/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin } from '../../../test/factories';
import { deleteKeys, redisSkipReason, testRedisUrl, uniqueKeyPrefix } from '../../../test/redis';
import { createTestApp, type TestApp } from '../../../test/test-app';

type Product = { code: string; name: string };

const productName = async (t: TestApp, code: string) =>
  ((await t.app.inject({ url: '/api/products' })).json().products as Product[]).find((p) => p.code === code)
    ?.name;

/** Runs worked example A on `t` and returns the parameters the engine used for `code`. */
async function paramsUsedFor(t: TestApp, code: string) {
  const created = (
    await t.app.inject({ method: 'POST', url: '/api/simulations', payload: { answers: WORKED_EXAMPLE_A } })
  ).json();
  const evaluated = await t.app.inject({
    method: 'POST',
    url: `/api/simulations/${created.id}/evaluate`,
    headers: { 'x-simulation-token': created.token },
  });
  expect(evaluated.statusCode).toBe(200);
  const row = await sql<{ catalogue: { code: string; params: Record<string, number> }[] }>`
    select catalogue from simulations where id = ${created.id}`.execute(t.database.db);
  return row.rows[0]?.catalogue.find((p) => p.code === code)?.params;
}

/**
 * An admin writes on instance A; the reads after it go to instance B. With Redis, B is a second
 * instance over the same database; without it (one process, one cache) B is A itself.
 */
function catalogueCacheSuite(env: () => Record<string, string>, twoInstances: boolean) {
  let a: TestApp;
  let b: TestApp;
  let admin: Caller;
  let product: { code: string; params: Record<string, number> };
  beforeAll(async () => {
    a = await createTestApp(env());
    b = twoInstances ? await createTestApp(env(), { database: a.database }) : a;
    admin = await createAdmin(a);
    const products = (await a.app.inject({ url: '/api/admin/products', headers: admin.headers })).json()
      .products as { code: string; params: Record<string, number> }[];
    const withParams = products.find((p) => Object.keys(p.params).length > 0);
    if (!withParams) throw new Error('the seeded catalogue has no product with parameters');
    product = withParams;
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

  it('evaluates simulations with the parameters an admin just changed', async () => {
    const before = await paramsUsedFor(b, product.code);
    expect(before).toEqual(product.params);
    const doubled = Object.fromEntries(Object.entries(product.params).map(([k, v]) => [k, v * 2]));
    const res = await a.app.inject({
      method: 'PATCH',
      url: `/api/admin/products/${product.code}`,
      headers: admin.headers,
      payload: { params: doubled },
    });
    expect(res.statusCode).toBe(200);
    expect(await paramsUsedFor(b, product.code)).toEqual(doubled);
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
