import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers } from './test-support';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_BYTES: '65536' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => t.close());

const { clientWithTicpe } = documentsHelpers(() => t);

describe('the upload limit, before the body', () => {
  it('tells the SPA the limit', async () => {
    const res = await t.app.inject({ url: '/api/documents/limits' });
    expect(res.json()).toEqual({ maxUploadBytes: 65_536 });
  });

  it('answers 413 to the headers alone when Content-Length is past the limit, and closes the connection', async () => {
    const { client, id } = await clientWithTicpe();
    // Headers only: the 21 MB body is never sent, so the answer cannot depend on reading it.
    const response = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          [
            `POST /api/dossiers/${id}/documents HTTP/1.1`,
            `host: 127.0.0.1:${port}`,
            `authorization: ${client.headers.authorization}`,
            'content-type: multipart/form-data; boundary=x',
            'content-length: 21000000',
            '',
            '',
          ].join('\r\n'),
        );
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(received);
      }, 5000);
    });
    expect(response).toMatch(/^HTTP\/1\.1 413/);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(response).toContain('PAYLOAD_TOO_LARGE');
  });
});
