import fs from 'node:fs';
import path from 'node:path';
import { type Caller, clientWithDossiers } from '../../../test/factories';
import type { TestApp } from '../../../test/test-app';

/** Shared by the documents test files: crafted files, multipart bodies and common steps. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

export function multipart(file: Buffer, fileName: string, fields: Record<string, string> = {}) {
  const boundary = `----ft${Date.now()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = Buffer.from(
    `${parts.join('')}--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export type Item = { id: string; code: string; label: string; required: boolean; status: string };

/** `app` is read lazily: test files create their app in `beforeAll`. */
export function documentsHelpers(app: () => TestApp) {
  const upload = (caller: Caller, dossierId: string, file: Buffer, fileName: string, itemId?: string) => {
    const body = multipart(file, fileName, itemId ? { itemId } : {});
    return app().app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/documents`,
      headers: { ...caller.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const items = async (caller: Caller, dossierId: string) =>
    (await app().app.inject({ url: `/api/dossiers/${dossierId}`, headers: caller.headers })).json()
      .items as Item[];
  return {
    upload,
    items,
    /** A client of worked example A with its TICPE dossier and that dossier's checklist. */
    async clientWithTicpe() {
      const { client, byProduct } = await clientWithDossiers(app().app);
      const id = byProduct.TICPE ?? '';
      return { client, id, byProduct, items: await items(client, id) };
    },
    post: (caller: Caller, url: string, payload?: object) =>
      app().app.inject({ method: 'POST', url, headers: caller.headers, ...(payload ? { payload } : {}) }),
    get: (caller: Caller | undefined, url: string) =>
      app().app.inject({ url, headers: caller?.headers ?? {} }),
    storedFiles: () =>
      fs.existsSync(app().filesDir)
        ? fs
            .readdirSync(app().filesDir, { recursive: true })
            .filter((f) => fs.statSync(path.join(app().filesDir, String(f))).isFile())
        : [],
  };
}
