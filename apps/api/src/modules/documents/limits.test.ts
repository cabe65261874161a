import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers, EXE, multipart, PDF } from './test-support';

/** Item 8 of the documents issue: limits and type checks with real crafted files. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_BYTES: '65536' });
});
afterAll(() => t.close());

const { upload, clientWithTicpe, get, storedFiles } = documentsHelpers(() => t);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('type checks by the bytes', () => {
  it('accepts a PDF renamed .png as a PDF and serves it with the MIME type of its bytes', async () => {
    const { client, id, items } = await clientWithTicpe();
    const saved = (await upload(client, id, PDF, 'scan.png', items[0]?.id)).json();
    expect(saved).toMatchObject({ mimeType: 'application/pdf', fileName: 'scan.png' });
    const content = await get(client, `/api/documents/${saved.id}/content`);
    expect(content.headers['content-type']).toBe('application/pdf');
    const png = (await upload(client, id, PNG, 'photo.pdf', items[1]?.id)).json();
    expect(png.mimeType).toBe('image/png');
  });

  it.each([
    ['a Windows executable', EXE],
    ['a Linux executable', ELF],
  ])('refuses %s renamed .pdf with 415 and keeps nothing', async (_name, bytes) => {
    const { client, id, items } = await clientWithTicpe();
    const before = storedFiles().length;
    const res = await upload(client, id, bytes, 'facture.pdf', items[0]?.id);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('n’est pas accepté');
    expect(storedFiles().length).toBe(before);
  });
});

describe('size limit while streaming', () => {
  it('stops a chunked stream past the limit with 413 and leaves no file, temporary or not', async () => {
    const { client, id } = await clientWithTicpe();
    const before = storedFiles().length;
    const body = multipart(Buffer.alloc(0), 'enorme.pdf');
    const [head, tail] = [body.payload.subarray(0, body.payload.length - 10), body.payload.subarray(-10)];
    let sent = 0;
    // 64 KiB chunks up to 1 MiB: the whole request never exists as one buffer.
    const stream = Readable.from(
      (function* () {
        yield head.subarray(0, head.length - 2);
        yield PDF;
        while (sent < 1024 * 1024) {
          sent += 65536;
          yield Buffer.alloc(65536, 0x20);
        }
        yield Buffer.concat([head.subarray(head.length - 2), tail]);
      })(),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/documents`,
      headers: { ...client.headers, 'content-type': body.contentType },
      payload: stream,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(storedFiles().length).toBe(before);
    expect(fs.readdirSync(path.join(t.filesDir, 'tmp'))).toEqual([]);
  });

  it('refuses an empty file with 400 and keeps nothing', async () => {
    const { client, id, items } = await clientWithTicpe();
    const before = storedFiles().length;
    const res = await upload(client, id, Buffer.alloc(0), 'vide.pdf', items[0]?.id);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('EMPTY_FILE');
    expect(storedFiles().length).toBe(before);
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\evil.pdf', 'evil.pdf'],
    ['/var/data/files/2026/01/abc', 'abc'],
    ['..', 'document'],
  ])('keeps %s for display only as %s and stores the bytes under our own key', async (name, shown) => {
    const { client, id } = await clientWithTicpe();
    const saved = (await upload(client, id, PDF, name)).json();
    expect(saved.fileName).toBe(shown);
    const { storage_key } = await t.database.db
      .selectFrom('document_versions')
      .select('storage_key')
      .where('document_id', '=', saved.id)
      .executeTakeFirstOrThrow();
    expect(storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    const stored = path.resolve(t.filesDir, storage_key);
    expect(stored.startsWith(`${path.resolve(t.filesDir)}${path.sep}`)).toBe(true);
    expect(fs.readFileSync(stored).equals(PDF)).toBe(true);
  });
});

describe('checksum on download', () => {
  it('serves every version with bytes whose SHA-256 is the one stored at upload', async () => {
    const { client, id, items } = await clientWithTicpe();
    const versions = [
      PDF,
      Buffer.concat([PDF, Buffer.from('% v2\n')]),
      Buffer.concat([PDF, Buffer.from('% v3\n')]),
    ];
    let documentId = '';
    for (const [index, bytes] of versions.entries()) {
      const saved = (await upload(client, id, bytes, `v${index + 1}.pdf`, items[0]?.id)).json();
      documentId = saved.id;
    }
    const meta = (await get(client, `/api/documents/${documentId}`)).json();
    expect(meta.versions).toHaveLength(3);
    for (const v of meta.versions as { version: number; sha256: string }[]) {
      const content = await get(client, `/api/documents/${documentId}/versions/${v.version}/content`);
      expect(sha256(content.rawPayload)).toBe(v.sha256);
      expect(content.headers['x-content-sha256']).toBe(v.sha256);
      expect(v.sha256).toBe(sha256(versions[v.version - 1] ?? Buffer.alloc(0)));
    }
  });
});
