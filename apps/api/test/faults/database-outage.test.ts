// PostgreSQL unreachable under load. The shared server is never stopped: the application talks to
// it through a TCP proxy in this test, and "stopping PostgreSQL" is the proxy dropping every
// connection and refusing new ones for ten seconds. Runs in the PostgreSQL project only.
import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { DB } from '../../src/database';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database';
import { type Caller, clientWithDossiers } from '../factories';
import { withDatabase } from '../global-setup';
import { createTestDatabase, type TestDatabase } from '../test-db';

const server = inject('serverTemplate');

type Proxy = { port: number; cut(): void; restore(): void; close(): Promise<void> };

async function startProxy(target: { host: string; port: number }): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let open = true;
  const proxy = net.createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as net.AddressInfo).port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

type Outcome = { phase: 'before' | 'cut' | 'after'; status: number; ms: number; code?: string };

describe.skipIf(!server)('PostgreSQL unavailable under load', () => {
  let direct: TestDatabase;
  let proxied: DatabaseHandle<DB>;
  let proxy: Proxy;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let client: Caller;
  const connectionErrors: Error[] = [];

  beforeAll(async () => {
    if (!server) return;
    direct = await createTestDatabase();
    const url = new URL(withDatabase(server.url, direct.name));
    proxy = await startProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    proxied = await openDatabase<DB>({
      kind: 'server',
      url: url.toString(),
      poolSize: 5,
      onConnectionError: (error) => connectionErrors.push(error),
    });
    // Ten workers share one IP: the per-IP limiter (429) is not what this test is about.
    const config = loadConfig(
      { NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', RATE_LIMIT_MAX: '1000000' },
      'test',
    );
    app = await buildApp({
      config,
      database: proxied,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    });
    await app.ready();
    ({ client } = await clientWithDossiers(app));
  });
  afterAll(async () => {
    await app?.close();
    await proxied?.close();
    await proxy?.close();
    await direct?.close();
  });

  it('answers 503 fast while the database is away, never 500, and recovers once it is back', async () => {
    const outcomes: Outcome[] = [];
    let phase: Outcome['phase'] = 'before';
    let running = true;
    const worker = async () => {
      while (running) {
        const started = performance.now();
        const res = await app.inject({ url: '/api/dossiers', headers: client.headers });
        const ms = performance.now() - started;
        outcomes.push({
          phase,
          status: res.statusCode,
          ms,
          code: res.statusCode === 200 ? undefined : res.json().code,
        });
        if (res.statusCode === 503) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const workers = Array.from({ length: 10 }, worker);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    phase = 'cut';
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    const direct503 = await app.inject({ url: '/api/dossiers', headers: client.headers });
    expect(direct503.statusCode).toBe(503);
    expect(direct503.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(direct503.headers['retry-after']).toBe('5');
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    phase = 'after';
    proxy.restore();
    const restoredAt = performance.now();
    let recoveredMs = Number.POSITIVE_INFINITY;
    while (performance.now() - restoredAt < 15_000) {
      const res = await app.inject({ url: '/api/dossiers', headers: client.headers });
      if (res.statusCode === 200) {
        recoveredMs = performance.now() - restoredAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    running = false;
    await Promise.all(workers);

    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    const during = outcomes.filter((o) => o.phase === 'cut' && o.status === 503);
    expect(during.length).toBeGreaterThan(50);
    expect(new Set(during.map((o) => o.code))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    // Fail fast: a refused connection answers at once, not after a client-side timeout.
    const sorted = during.map((o) => o.ms).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(250);
    expect(sorted.at(-1)).toBeLessThan(5_500);
    expect(recoveredMs).toBeLessThan(5_000);
    const lastSecond = outcomes.filter((o) => o.phase === 'after').slice(-20);
    expect(lastSecond.every((o) => o.status === 200)).toBe(true);
  }, 60_000);
});
