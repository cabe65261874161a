import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../../test/global-setup';
import { startTcpProxy } from '../../../test/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { DB } from '../../database';
import { type DatabaseHandle, openDatabase } from '../../platform/db/database';

const onServer = process.env.FT_TEST_DB === 'server';

/**
 * The PostgreSQL server goes away and comes back (a TCP proxy between the API and the shared
 * server is cut, then restored): readiness says 503 meanwhile, the process survives the broken
 * pooled connections, and everything answers again without a restart.
 */
// Embedded PGlite lives in the process: there is no server to lose, so this runs in api:postgres only.
describe.runIf(onServer)('readiness while the database server goes away and returns', () => {
  let direct: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let viaProxy: DatabaseHandle<DB>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    direct = await createTestDatabase();
    const server = inject('serverTemplate');
    if (!server) throw new Error('needs the PostgreSQL server project');
    const target = new URL(server.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(withDatabase(server.url, direct.name));
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    viaProxy = await openDatabase<DB>({ kind: 'server', url: proxied.toString(), poolSize: 3 });
    app = await buildApp({
      config: loadConfig(
        { NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_ANONYMOUS_MAX: '100000' },
        'test',
      ),
      database: viaProxy,
      logger: pino({ level: 'silent' }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await viaProxy.close();
    await proxy.close();
    await direct.close();
  });

  const ready = () => app.inject({ url: '/health/ready' });

  it('answers 503 while the server is unreachable and recovers by itself', async () => {
    expect((await ready()).statusCode).toBe(200);
    // Fill the pool so that live connections are broken by the cut, not only new ones refused.
    await Promise.all([1, 2, 3].map(() => app.inject({ url: '/api/products' })));

    proxy.cut();
    const down = await ready();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    // Not cached yet, so it needs the database: a 503 problem, not a 500.
    const during = await app.inject({ url: '/api/simulator/questions' });
    expect(during.statusCode).toBe(503);
    expect(during.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(during.headers['retry-after']).toBe('5');
    expect((await ready()).statusCode).toBe(503);

    proxy.restore();
    await expect.poll(async () => (await ready()).statusCode, { timeout: 10_000, interval: 200 }).toBe(200);
    const simulation = await app.inject({ method: 'POST', url: '/api/simulations', payload: {} });
    expect(simulation.statusCode).toBe(201);
  });
});
