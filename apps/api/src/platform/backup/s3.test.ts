import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupEntry, Manifest } from './layout';
import { uploadBackup } from './s3';

/**
 * A minimal PutObject endpoint standing in for an S3-compatible server (no MinIO can run here): it
 * records each request's path, signature header and body so the upload's wire format is checked.
 */
type Received = { method: string; url: string; authorization: string; sha256: string; body: Buffer };
const received: Received[] = [];
const server = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  received.push({
    method: request.method ?? '',
    url: request.url ?? '',
    authorization: String(request.headers.authorization ?? ''),
    sha256: String(request.headers['x-amz-meta-sha256'] ?? ''),
    body: Buffer.concat(chunks),
  });
  response.writeHead(200, { etag: '"0"' }).end();
});

let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('upload to S3-compatible storage', () => {
  it('puts every archive under <prefix><name>/ with a SigV4 signature, the manifest last', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-s3-'));
    const dump = Buffer.from('dump bytes');
    fs.writeFileSync(path.join(dir, 'database.pgdump'), dump);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    fs.writeFileSync(path.join(dir, 'files.tar.gz'), 'files');
    const sha = createHash('sha256').update(dump).digest('hex');
    const entry: BackupEntry = {
      name: '2026-11-25T03-00-00Z',
      dir,
      manifest: {
        checksums: { 'database.pgdump': { sha256: sha, bytes: dump.length } },
      } as unknown as Manifest,
    };
    const keys = await uploadBackup(entry, {
      bucket: 'ft-backups',
      prefix: 'prod/',
      region: 'eu-west-3',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test-key', secretAccessKey: 'test-secret' },
    });
    expect(keys.at(-1)).toBe('prod/2026-11-25T03-00-00Z/manifest.json');
    expect(received.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'PUT /ft-backups/prod/2026-11-25T03-00-00Z/database.pgdump',
      'PUT /ft-backups/prod/2026-11-25T03-00-00Z/files.tar.gz',
      'PUT /ft-backups/prod/2026-11-25T03-00-00Z/manifest.json',
    ]);
    const dumpRequest = received[0];
    expect(dumpRequest?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test-key\/\d{8}\/eu-west-3\/s3\//,
    );
    expect(dumpRequest?.body.equals(dump)).toBe(true);
    expect(dumpRequest?.sha256).toBe(sha);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
