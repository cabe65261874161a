import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithDossiers } from '../../test/factories';
import {
  createLiveEnvironment,
  fileChecksums,
  type LiveEnvironment,
  runCli,
} from '../../test/live-environment';
import type { DB } from '../database';
import { listBackups, MANIFEST_FILE, readLastSuccess } from '../platform/backup/layout';
import { countRows } from '../platform/backup/row-counts';
import type { DatabaseHandle } from '../platform/db/database';
import { backupCommand, verifyCommand } from './backup';
import { restoreCommand } from './restore';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function multipart(file: Buffer, fileName: string) {
  const boundary = `----ft${Date.now()}`;
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** What must come back identical: row counts of every table, a few real rows, every file. */
async function snapshot(live: LiveEnvironment, database: DatabaseHandle<DB>) {
  const db = database.db;
  return {
    tables: await countRows(db),
    users: await db
      .selectFrom('users')
      .select(['id', 'email', 'role', 'password_hash'])
      .orderBy('id')
      .execute(),
    dossiers: await db
      .selectFrom('dossiers')
      .select(['id', 'client_id', 'product_code', 'status', 'estimated_amount_cents', 'updated_at'])
      .orderBy('id')
      .execute(),
    documents: await db
      .selectFrom('document_versions')
      .select(['document_id', 'version', 'sha256', 'storage_key'])
      .orderBy('storage_key')
      .execute(),
    files: fileChecksums(live.config.filesDir),
  };
}

let live: LiveEnvironment;
let before: Awaited<ReturnType<typeof snapshot>>;
beforeAll(async () => {
  live = await createLiveEnvironment();
  const database = await live.open();
  const app = await live.app(database);
  try {
    for (const name of ['Transports Alpha SAS', 'Boulangerie Beta SARL']) {
      const { client, byProduct } = await clientWithDossiers(app, { companyName: name });
      const body = multipart(PDF, `Kbis ${name}.pdf`);
      const res = await app.inject({
        method: 'POST',
        url: `/api/dossiers/${byProduct.TICPE}/documents`,
        headers: { ...client.headers, 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(201);
    }
    before = await snapshot(live, database);
    if (live.engine === 'embedded') {
      // While the server owns the embedded database, the CLI says what to do instead.
      const refused = await runCli(() => backupCommand(live.config));
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/stop the server .*or rely on the server's scheduled backup job/s);
    }
  } finally {
    await app.close();
    await database.close();
  }
}, 120_000);
afterAll(() => live.close());

describe(`backup, verify, destroy, restore`, () => {
  it('gives back identical data and files', async () => {
    expect(before.users.length).toBe(2);
    expect(before.documents.length).toBe(2);
    expect(Object.keys(before.files)).toHaveLength(2);

    const backup = await runCli(() => backupCommand(live.config));
    expect(backup.code, backup.err).toBe(0);
    const [entry] = listBackups(live.config.operations.backupDir);
    expect(entry?.manifest.tables).toEqual(before.tables);
    expect(entry?.manifest.uploadedFiles.count).toBe(2);
    expect(readLastSuccess(live.config.operations.backupDir)?.name).toBe(entry?.name);

    const verify = await runCli(() => verifyCommand(live.config, []));
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/OK: checksums match/);

    await live.destroy();

    const restore = await runCli(() =>
      restoreCommand(live.config, [entry?.name.slice(0, 10) ?? 'missing', '--yes']),
    );
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toMatch(/Ready: the database answers, 0 migration\(s\) applied/);

    const database = await live.open();
    try {
      const after = await snapshot(live, database);
      // The safety backup a server restore takes first is journaled nowhere: counts are the backup's.
      expect(after).toEqual(before);
      const app = await live.app(database);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: before.users[0]?.email, password: 'Correct-horse-battery-42' },
      });
      expect(login.statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  }, 180_000);

  it('lists backups without an argument and refuses to restore without confirmation', async () => {
    const list = await runCli(() => restoreCommand(live.config, []));
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\s+(embedded|server)/);
    const unconfirmed = await runCli(() => restoreCommand(live.config, ['20']));
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toMatch(/pass --yes/);
    const unknown = await runCli(() => restoreCommand(live.config, ['1999-01-01']));
    expect(unknown.code).toBe(1);
  });

  it('fails verification when a row count or an archive does not match', async () => {
    const entry = listBackups(live.config.operations.backupDir)[0];
    if (!entry) throw new Error('no backup');
    const manifestPath = path.join(entry.dir, MANIFEST_FILE);
    const original = fs.readFileSync(manifestPath, 'utf8');
    const tampered = JSON.parse(original);
    tampered.tables.users += 1;
    fs.writeFileSync(manifestPath, JSON.stringify(tampered));
    const mismatch = await runCli(() => verifyCommand(live.config, [entry.name]));
    expect(mismatch.code).toBe(1);
    expect(mismatch.err).toMatch(/users: 3 rows in the manifest, 2 restored/);
    fs.writeFileSync(manifestPath, original);

    const archive = path.join(entry.dir, entry.manifest.uploadedFiles.file);
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(archive, Buffer.concat([bytes, Buffer.from('x')]));
    const corrupt = await runCli(() => verifyCommand(live.config, [entry.name]));
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toMatch(/Checksum mismatch: files.tar.gz/);
    await expect(runCli(() => restoreCommand(live.config, [entry.name, '--yes']))).rejects.toThrow(/damaged/);
    fs.writeFileSync(archive, bytes);
  }, 120_000);
});
