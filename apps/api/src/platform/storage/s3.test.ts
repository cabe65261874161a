import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers, EXE, PDF } from '../../modules/documents/test-support';

/**
 * The documents API on a real S3-compatible server (s3rver, started here in-process on a free
 * port): the same flows as on the local disk, checked against what the bucket really holds.
 */
const BUCKET = 'ft-documents';
let server: S3rver;
let s3: S3Client;
let t: TestApp;
let admin: Caller;
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-s3rver-'));

beforeAll(async () => {
  server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({
    endpoint,
    region: 'eu-west-3',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  t = await createTestApp({
    MAX_UPLOAD_BYTES: String(8 * 1024 * 1024),
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_REGION: 'eu-west-3',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  });
  admin = await createAdmin(t);
});
afterAll(async () => {
  await t.close();
  s3.destroy();
  await server.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

const { upload, clientWithTicpe, get, post, storedFiles } = documentsHelpers(() => t);
const objectKeys = async () =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key ?? '');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('documents on S3-compatible storage', () => {
  it('stores an upload under its final key only (no temp object left) and serves the same bytes', async () => {
    const { client, id, items } = await clientWithTicpe();
    const res = await upload(client, id, PDF, 'kbis.pdf', items[0]?.id);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    const { storage_key } = await t.database.db
      .selectFrom('document_versions')
      .select('storage_key')
      .where('document_id', '=', saved.id)
      .executeTakeFirstOrThrow();
    const keys = await objectKeys();
    expect(keys).toContain(storage_key);
    expect(keys.filter((k) => k.startsWith('tmp/'))).toEqual([]);
    // Nothing went to the local directory.
    expect(storedFiles()).toEqual([]);
    const content = await get(client, `/api/documents/${saved.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(sha256(content.rawPayload)).toBe(saved.sha256);
    expect(content.headers['x-content-sha256']).toBe(saved.sha256);
  });

  it('streams a multipart upload past 5 MB intact', async () => {
    const { client, id, items } = await clientWithTicpe();
    const big = Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const res = await upload(client, id, big, 'gros-scan.pdf', items[1]?.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sizeBytes: big.length, sha256: sha256(big) });
    const content = await get(client, `/api/documents/${res.json().id}/content`);
    expect(content.rawPayload.equals(big)).toBe(true);
  });

  it('leaves nothing in the bucket for a refused type or an oversize stream', async () => {
    const { client, id } = await clientWithTicpe();
    const before = await objectKeys();
    expect((await upload(client, id, EXE, 'facture.pdf')).statusCode).toBe(415);
    const oversize = Buffer.concat([PDF, Buffer.alloc(9 * 1024 * 1024, 0x20)]);
    expect((await upload(client, id, oversize, 'trop-gros.pdf')).statusCode).toBe(413);
    expect((await upload(client, id, Buffer.alloc(0), 'vide.pdf')).statusCode).toBe(400);
    expect((await objectKeys()).sort()).toEqual(before.sort());
  });

  it('purges the object, and the sweep removes old unreferenced objects but no referenced one', async () => {
    const { client, id, items } = await clientWithTicpe();
    const kept = (await upload(client, id, PDF, 'garde.pdf', items[0]?.id)).json();
    const purged = (
      await upload(client, id, Buffer.concat([PDF, Buffer.from('%x\n')]), 'x.pdf', items[1]?.id)
    ).json();
    const keyOf = async (documentId: string) =>
      (
        await t.database.db
          .selectFrom('document_versions')
          .select('storage_key')
          .where('document_id', '=', documentId)
          .executeTakeFirstOrThrow()
      ).storage_key;
    const purgedKey = await keyOf(purged.id);
    expect(
      (await post(admin, `/api/documents/${purged.id}/purge`, { reason: 'Mauvais client' })).statusCode,
    ).toBe(204);
    expect(await objectKeys()).not.toContain(purgedKey);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'tmp/interrupted', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: '2020/01/stray', Body: 'x' }));
    // s3rver dates an object by its file's mtime: age every object by two hours.
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    for (const file of fs.readdirSync(directory, { recursive: true }))
      if (String(file).endsWith('._S3rver_object'))
        fs.utimesSync(path.join(directory, String(file)), old, old);
    expect(await t.scheduler.runNow('remove-orphan-files', { force: true })).toBe('succeeded');
    const keys = await objectKeys();
    expect(keys).not.toContain('tmp/interrupted');
    expect(keys).not.toContain('2020/01/stray');
    expect(keys).toContain(await keyOf(kept.id));
    expect((await get(client, `/api/documents/${kept.id}/content`)).rawPayload.equals(PDF)).toBe(true);
  });
});
