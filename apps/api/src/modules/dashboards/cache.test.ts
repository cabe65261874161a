import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  signupClient,
  signupExpert,
} from '../../../test/factories';
import { deleteKeys, redisSkipReason, testRedisUrl, uniqueKeyPrefix } from '../../../test/redis';
import { createTestApp, type TestApp } from '../../../test/test-app';

type AdminDashboard = { byStatus: Record<string, number>; expertsPending: number };

/**
 * Writes go to instance A, dashboard reads to instance B. With Redis, B is a second instance over
 * the same database; without it (one process, one in-memory cache) B is A itself.
 */
function dashboardCacheSuite(env: () => Record<string, string>, twoInstances: boolean) {
  let a: TestApp;
  let b: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    a = await createTestApp(env());
    b = twoInstances ? await createTestApp(env(), { database: a.database }) : a;
    admin = await createAdmin(a);
  });
  afterAll(async () => {
    if (b !== a) await b.close();
    await a.close();
  });

  const read = async <T>(caller: Caller, role: 'admin' | 'client' | 'expert'): Promise<T> => {
    const res = await b.app.inject({ url: `/api/dashboard/${role}`, headers: caller.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as T;
  };

  it('serves dashboards from the cache: a change that bypasses the services is not seen', async () => {
    const { client, byProduct } = await clientWithDossiers(a.app);
    const before = await read<{ activeDossiers: number }>(client, 'client');
    // Raw SQL skips the invalidation the modules do, so a cached dashboard keeps the old count.
    await sql`update dossiers set status = 'cancelled' where id = ${byProduct.TICPE}`.execute(a.database.db);
    expect(await read<{ activeDossiers: number }>(client, 'client')).toEqual(before);
  });

  it('shows a dossier transition on the next read of every dashboard it changes', async () => {
    const { client, byProduct } = await clientWithDossiers(a.app);
    const expert = await approvedExpert(a, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    // Every dashboard is cached before the write.
    const adminBefore = await read<AdminDashboard>(admin, 'admin');
    const clientBefore = await read<{ activeDossiers: number }>(client, 'client');
    expect((await read<{ proposals: unknown[] }>(expert, 'expert')).proposals).toEqual([]);

    const res = await a.app.inject({
      method: 'POST',
      url: `/api/dossiers/${byProduct.ELECTRICITY_SUPPLIER}/propose-expert`,
      headers: client.headers,
      payload: { expertId: expert.id },
    });
    expect(res.statusCode).toBe(200);

    const adminAfter = await read<AdminDashboard>(admin, 'admin');
    expect(adminAfter.byStatus.expert_proposed).toBe((adminBefore.byStatus.expert_proposed ?? 0) + 1);
    expect(adminAfter.byStatus.eligible).toBe((adminBefore.byStatus.eligible ?? 0) - 1);
    const proposals = (await read<{ proposals: { dossierId: string }[] }>(expert, 'expert')).proposals;
    expect(proposals.map((p) => p.dossierId)).toEqual([byProduct.ELECTRICITY_SUPPLIER]);
    // Still an active dossier for the client, but read again from the database, not stale.
    expect(await read<{ activeDossiers: number }>(client, 'client')).toEqual(clientBefore);
  });

  it('shows new dossiers from a simulation on the client and admin dashboards', async () => {
    const client = await signupClient(a.app);
    expect((await read<{ activeDossiers: number }>(client, 'client')).activeDossiers).toBe(0);
    const eligibleBefore = (await read<AdminDashboard>(admin, 'admin')).byStatus.eligible ?? 0;
    const { client: other } = await clientWithDossiers(a.app);
    expect((await read<AdminDashboard>(admin, 'admin')).byStatus.eligible).toBe(eligibleBefore + 7);
    expect((await read<{ activeDossiers: number }>(other, 'client')).activeDossiers).toBe(7);
  });

  it('counts an expert sign-up and its approval on the admin dashboard at once', async () => {
    const pending = (await read<AdminDashboard>(admin, 'admin')).expertsPending;
    const expert = await signupExpert(a.app);
    expect((await read<AdminDashboard>(admin, 'admin')).expertsPending).toBe(pending + 1);
    const approved = await a.app.inject({
      method: 'POST',
      url: `/api/admin/experts/${expert.id}/approve`,
      headers: admin.headers,
      payload: {},
    });
    expect(approved.statusCode).toBe(200);
    expect((await read<AdminDashboard>(admin, 'admin')).expertsPending).toBe(pending);
  });
}

describe('dashboard cache on one instance (in memory)', () => {
  dashboardCacheSuite(() => ({}), false);
});

describe.skipIf(!testRedisUrl)(
  `dashboard cache across two instances sharing Redis (${testRedisUrl ? 'shared' : redisSkipReason})`,
  () => {
    const prefix = uniqueKeyPrefix();
    afterAll(() => deleteKeys(testRedisUrl ?? '', prefix));
    dashboardCacheSuite(() => ({ REDIS_URL: testRedisUrl ?? '', REDIS_KEY_PREFIX: prefix }), true);
  },
);
