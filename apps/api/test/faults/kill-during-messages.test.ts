// kill -9 of the API in the middle of a burst of message sends. Every send the API acknowledged
// (201 with its body) must be stored exactly once after a restart, nothing half-written may exist
// (a claimed id without its message or the reverse), and retrying the sends that got no answer,
// with the same client ids, must not create a second copy of any of them. Runs the real server
// process (src/main.ts) against a throwaway database on the PostgreSQL server.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Caller, clientWithDossiers } from '../factories';
import { withDatabase } from '../global-setup';
import { createTestApp, type TestApp } from '../test-app';
import { type ApiProcess, exited, productionEnv, startApi, stopApi, waitReady } from './api-process';

const server = inject('serverTemplate');
const BURST = 2_000;
const KILL_AFTER_ACKNOWLEDGED = 200;
const IN_FLIGHT = 8;

describe.skipIf(!server)('kill -9 during a burst of message sends', () => {
  let t: TestApp;
  let client: Caller;
  let conversationId: string;
  let dataDir: string;
  let env: Record<string, string>;
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await clientWithDossiers(t.app);
    client = seeded.client;
    const opened = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${seeded.byProduct.TICPE ?? ''}/conversation`,
      headers: client.headers,
    });
    expect(opened.statusCode).toBe(201);
    conversationId = opened.json<{ id: string }>().id;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-kill-msg-'));
    env = await productionEnv({ databaseUrl: withDatabase(server?.url ?? '', t.database.name), dataDir });
  });
  afterAll(async () => {
    await stopApi(api?.child);
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (base: string, id: string) =>
    fetch(`${base}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { ...client.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ id, body: `Message ${id}` }),
    });

  /** How many times each id is stored, and the ids half-written (in one table, not the other). */
  async function stored() {
    const rows = await sql<{ id: string; n: number }>`
      select id, count(*)::int as n from messages where conversation_id = ${conversationId}::uuid group by id`.execute(
      t.database.db,
    );
    const halfWritten = await sql<{ id: string }>`
      select r.id from message_ids r
      left join messages m on m.id = r.id and m.created_at = r.created_at
      where r.conversation_id = ${conversationId}::uuid and m.id is null
      union all
      select m.id from messages m
      left join message_ids r on r.id = m.id and r.created_at = m.created_at
      where m.conversation_id = ${conversationId}::uuid and r.id is null`.execute(t.database.db);
    return {
      copies: new Map(rows.rows.map((r) => [r.id, r.n])),
      halfWritten: halfWritten.rows.map((r) => r.id),
    };
  }

  it('keeps every acknowledged message exactly once and retries add no duplicate', async () => {
    const base = `http://127.0.0.1:${env.PORT}`;
    const first = startApi(env);
    api = first;
    await waitReady(base, first.child);

    const attempted: string[] = [];
    const acknowledged = new Set<string>();
    let killed = false;
    const sender = async () => {
      while (!killed && attempted.length < BURST) {
        const id = randomUUID();
        attempted.push(id);
        const res = await send(base, id).catch(() => undefined);
        if (res?.status === 201) {
          const saved = (await res.json().catch(() => undefined)) as { id: string } | undefined;
          // Acknowledged means the 201 and its body reached the caller.
          if (saved) {
            expect(saved.id).toBe(id);
            acknowledged.add(id);
          }
        } else if (res && !killed) {
          throw new Error(`send answered ${res.status}: ${await res.text()}`);
        }
        if (!killed && acknowledged.size >= KILL_AFTER_ACKNOWLEDGED) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

    // After the crash: the acknowledged ones once each, nothing half-written, nothing unknown.
    const afterCrash = await stored();
    expect(afterCrash.halfWritten).toEqual([]);
    for (const id of acknowledged) expect(afterCrash.copies.get(id), id).toBe(1);
    for (const [id, n] of afterCrash.copies) {
      expect(attempted, id).toContain(id);
      expect(n, id).toBe(1);
    }

    const second = startApi(env);
    api = second;
    await waitReady(base, second.child);
    // The API serves them: the newest page holds the newest acknowledged sends.
    const page = await fetch(`${base}/api/conversations/${conversationId}/messages?limit=100`, {
      headers: client.headers,
    });
    expect(page.status).toBe(200);
    const served = ((await page.json()) as { items: { id: string }[] }).items.map((m) => m.id);
    expect(served.length).toBe(Math.min(100, afterCrash.copies.size));
    for (const id of served) expect(afterCrash.copies.has(id), id).toBe(true);

    // Retry every send that got no acknowledgement, with the same id, as a client would.
    const unacknowledged = attempted.filter((id) => !acknowledged.has(id));
    expect(unacknowledged.length).toBeGreaterThan(0);
    for (const id of unacknowledged) {
      const res = await send(base, id);
      // 200: the crashed attempt had committed; 201: it had not, this one stores it.
      expect([200, 201], id).toContain(res.status);
      expect(((await res.json()) as { id: string }).id).toBe(id);
    }
    // An acknowledged id sent again is the stored message, not a new one.
    const [again] = acknowledged;
    expect((await send(base, again ?? '')).status).toBe(200);

    const afterRetry = await stored();
    expect(afterRetry.halfWritten).toEqual([]);
    expect(afterRetry.copies.size).toBe(attempted.length);
    for (const id of attempted) expect(afterRetry.copies.get(id), id).toBe(1);
  }, 180_000);
});
