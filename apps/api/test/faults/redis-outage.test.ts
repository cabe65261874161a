// Redis unreachable. Redis only holds what can be rebuilt or skipped (rate-limit counters, cache,
// real-time fan-out), so the API must keep serving without it and say so in its logs. The shared
// Redis is never stopped: the real server process (src/main.ts) talks to it through a TCP proxy
// that the test cuts, and a second process starts with REDIS_URL on a port nothing listens on.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Caller, clientWithDossiers, PASSWORD } from '../factories';
import { withDatabase } from '../global-setup';
import { closedPort, deleteKeys, testRedisUrl, uniqueKeyPrefix } from '../redis';
import { startTcpProxy } from '../tcp-proxy';
import { createTestApp, type TestApp } from '../test-app';
import { type ApiProcess, freePort, startApi, stopApi, waitReady } from './api-process';

const server = inject('serverTemplate');
/** An answer slower than this while Redis is gone means a request waited on Redis. */
const PROMPT_MS = 3_000;

describe.skipIf(!server || !testRedisUrl)('Redis unavailable', () => {
  let t: TestApp;
  let client: Caller;
  let conversationId: string;
  let dataDir: string;
  let env: Record<string, string>;
  const prefix = uniqueKeyPrefix();
  const started: ApiProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await clientWithDossiers(t.app);
    client = seeded.client;
    const opened = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${seeded.byProduct.TICPE ?? ''}/conversation`,
      headers: client.headers,
    });
    conversationId = opened.json<{ id: string }>().id;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-redis-down-'));
    env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: withDatabase(server?.url ?? '', t.database.name),
      REDIS_KEY_PREFIX: prefix,
      // Info: the degradation is an error, the recovery an info line.
      LOG_LEVEL: 'info',
      JOBS_ENABLED: 'false',
    };
  });
  afterAll(async () => {
    for (const api of started) await stopApi(api.child);
    await t?.close();
    if (testRedisUrl) await deleteKeys(testRedisUrl, prefix);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function launch(redisUrl: string) {
    const port = await freePort();
    const api = startApi({ ...env, PORT: String(port), REDIS_URL: redisUrl });
    started.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitReady(base, api.child);
    return { api, base };
  }

  /** Login, the dossier list and a message send, each answered promptly and successfully. */
  async function serves(base: string) {
    const timed = async (run: () => Promise<Response>) => {
      const begun = performance.now();
      const res = await run();
      return { res, ms: performance.now() - begun };
    };
    const login = await timed(() =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: client.email, password: PASSWORD }),
      }),
    );
    expect(login.res.status, await login.res.clone().text()).toBe(200);
    const token = ((await login.res.json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const list = await timed(() => fetch(`${base}/api/dossiers`, { headers: auth }));
    expect(list.res.status).toBe(200);
    expect(((await list.res.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const id = randomUUID();
    const sent = await timed(() =>
      fetch(`${base}/api/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id, body: 'Envoyé pendant la panne de Redis.' }),
      }),
    );
    expect(sent.res.status, await sent.res.clone().text()).toBe(201);
    for (const { ms } of [login, list, sent]) expect(ms).toBeLessThan(PROMPT_MS);
    return id;
  }

  it('keeps serving when Redis goes away while running, and logs the degradation', async () => {
    const proxy = await startTcpProxy({
      host: new URL(testRedisUrl ?? '').hostname,
      port: Number(new URL(testRedisUrl ?? '').port || 6379),
    });
    try {
      const { api, base } = await launch(`redis://127.0.0.1:${proxy.port}`);
      await serves(base);
      expect(api.output()).not.toContain('Redis unreachable');

      proxy.cut();
      // Twice: the first request after the cut and one once the clients know Redis is gone.
      await serves(base);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const id = await serves(base);
      const stored = await t.database.db.selectFrom('messages').select('id').where('id', '=', id).execute();
      expect(stored).toHaveLength(1);
      expect(api.output()).toContain('Redis unreachable: running degraded');
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);

      // Back: the clients reconnect by themselves (retry every ≤ 5 s) and say so.
      proxy.restore();
      const back = Date.now();
      while (!api.output().includes('Redis reachable again') && Date.now() - back < 15_000)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(api.output()).toContain('Redis reachable again');
      await serves(base);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it('starts and serves when Redis is down from the start', async () => {
    const { api, base } = await launch(`redis://127.0.0.1:${await closedPort()}`);
    await serves(base);
    expect(api.output()).toContain('Redis unreachable: running degraded');
  }, 120_000);
});
