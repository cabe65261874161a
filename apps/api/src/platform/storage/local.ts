import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

export type StagedFile = { tempPath: string; sha256: string; sizeBytes: number; head: Buffer };

const HEAD_BYTES = 4100;

/**
 * Files on the local disk under `root`. An upload is streamed to a temporary file (hashed and
 * measured on the way, never held in memory), checked, then renamed into place: a crash leaves a
 * temp file, never a half-written stored one.
 */
export function createLocalStorage(root: string) {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (key: string) => path.join(root, ...key.split('/'));

  return {
    async stage(stream: Readable, maxBytes: number): Promise<StagedFile> {
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tempPath = path.join(tmpDir, randomUUID());
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const headChunks: Buffer[] = [];
      let headLength = 0;
      stream.on('data', (chunk: Buffer) => {
        sizeBytes += chunk.length;
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        if (sizeBytes > maxBytes) stream.destroy(new TooLargeError('file too large'));
      });
      try {
        await pipeline(stream, fs.createWriteStream(tempPath, { flags: 'wx' }));
      } catch (error) {
        await fs.promises.rm(tempPath, { force: true });
        // The multipart parser enforces the same limit and reports it with its own error.
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new TooLargeError('file too large');
        throw error;
      }
      // The multipart parser stops a file at its limit and marks the stream truncated.
      if ((stream as Readable & { truncated?: boolean }).truncated) {
        await fs.promises.rm(tempPath, { force: true });
        throw new TooLargeError('file too large');
      }
      return { tempPath, sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(headChunks) };
    },

    async commit(staged: StagedFile): Promise<string> {
      const now = new Date();
      const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
      await fs.promises.mkdir(path.dirname(pathOf(key)), { recursive: true });
      await fs.promises.rename(staged.tempPath, pathOf(key));
      return key;
    },

    /** Every stored key and temp file with its age, for the orphan sweep. */
    async list(): Promise<{ key: string; temp: boolean; modifiedAt: Date }[]> {
      if (!fs.existsSync(root)) return [];
      const entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile());
      return Promise.all(
        files.map(async (entry) => {
          const full = path.join(entry.parentPath, entry.name);
          const key = path.relative(root, full).split(path.sep).join('/');
          return { key, temp: key.startsWith('tmp/'), modifiedAt: (await fs.promises.stat(full)).mtime };
        }),
      );
    },

    discard: (staged: StagedFile) => fs.promises.rm(staged.tempPath, { force: true }),
    remove: (key: string) => fs.promises.rm(pathOf(key), { force: true }),
    read: (key: string) => fs.createReadStream(pathOf(key)),
  };
}

export type Storage = ReturnType<typeof createLocalStorage>;
