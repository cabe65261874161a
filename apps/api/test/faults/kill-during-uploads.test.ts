// kill -9 of the API in the middle of a burst of document uploads. Every upload the API
// acknowledged (201) must be there after a restart, byte for byte, and every stored version must
// point at a complete file. Runs the real server process (src/main.ts) against a throwaway
// database on the PostgreSQL server, so it runs in the PostgreSQL project only.
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Caller, clientWithDossiers } from '../factories';
import { withDatabase } from '../global-setup';
import { createTestApp, type TestApp } from '../test-app';
import { exited, productionEnv, startApi, stopApi, waitReady } from './api-process';

const server = inject('serverTemplate');
const BURST = 1_000;
const KILL_AFTER_ACKNOWLEDGED = 150;
const IN_FLIGHT = 8;

/** A small, valid-looking PDF whose body is random, so every file has its own checksum. */
function randomPdf(): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    randomBytes(8_000 + Math.floor(Math.random() * 40_000)),
    Buffer.from('\n%%EOF\n'),
  ]);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.skipIf(!server)('kill -9 during a burst of uploads', () => {
  let t: TestApp;
  let client: Caller;
  let dossierId: string;
  let dataDir: string;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    const seeded = await clientWithDossiers(t.app);
    client = seeded.client;
    dossierId = seeded.byProduct.TICPE ?? '';
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-kill-'));
    env = await productionEnv({ databaseUrl: withDatabase(server?.url ?? '', t.database.name), dataDir });
  });
  afterAll(async () => {
    await stopApi(child);
    await t?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged file intact and references no half-written one', async () => {
    const base = `http://127.0.0.1:${env.PORT}`;
    child = startApi(env).child;
    await waitReady(base, child);

    const acknowledged: { id: string; sha256: string; size: number }[] = [];
    let sent = 0;
    let killed = false;
    const running = child;
    const upload = async () => {
      while (!killed && sent < BURST) {
        sent++;
        const file = randomPdf();
        const form = new FormData();
        form.append('file', new Blob([file], { type: 'application/pdf' }), `piece-${sent}.pdf`);
        const res = await fetch(`${base}/api/dossiers/${dossierId}/documents`, {
          method: 'POST',
          headers: client.headers,
          body: form,
        }).catch(() => undefined);
        if (res?.status === 201) {
          const saved = (await res.json().catch(() => undefined)) as
            | { id: string; sha256: string }
            | undefined;
          // Acknowledged means the 201 and its body reached the caller.
          if (saved) {
            expect(saved.sha256).toBe(sha256(file));
            acknowledged.push({ id: saved.id, sha256: saved.sha256, size: file.length });
          }
        } else if (res && !killed) {
          throw new Error(`upload answered ${res.status}: ${await res.text()}`);
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) {
          killed = true;
          running.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, upload));
    await exited(running);
    expect(running.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);

    child = startApi(env).child;
    await waitReady(base, child);
    for (const document of acknowledged) {
      const res = await fetch(`${base}/api/documents/${document.id}/content`, { headers: client.headers });
      expect(res.status, document.id).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBe(document.size);
      expect(sha256(body)).toBe(document.sha256);
    }

    // Every version the database references is a complete file with the recorded checksum.
    const versions = await t.database.db
      .selectFrom('document_versions')
      .select(['storage_key', 'sha256', 'size_bytes'])
      .execute();
    expect(versions.length).toBeGreaterThanOrEqual(acknowledged.length);
    for (const version of versions) {
      const file = path.join(dataDir, 'files', ...version.storage_key.split('/'));
      expect(fs.existsSync(file), version.storage_key).toBe(true);
      const content = fs.readFileSync(file);
      expect(content.length).toBe(Number(version.size_bytes));
      expect(sha256(content)).toBe(version.sha256);
    }
  }, 180_000);
});
