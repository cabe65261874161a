import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { measure } from './measure';
import { type FileStorage, newStorageKey, type StagedFile, TooLargeError } from './storage';

/**
 * Files on the local disk under `root`. An upload is streamed to a temporary file (hashed and
 * measured on the way, never held in memory), checked, then renamed into place: a crash leaves a
 * temp file, never a half-written stored one.
 */
export function createLocalStorage(root: string): FileStorage {
  const tmpDir = path.join(root, 'tmp');
  const pathOf = (key: string) => path.join(root, ...key.split('/'));

  return {
    async stage(stream: Readable, maxBytes: number): Promise<StagedFile> {
      await fs.promises.mkdir(tmpDir, { recursive: true });
      const tempKey = `tmp/${randomUUID()}`;
      const meter = measure(stream, maxBytes);
      try {
        await pipeline(stream, fs.createWriteStream(pathOf(tempKey), { flags: 'wx' }));
        meter.assertComplete();
      } catch (error) {
        await fs.promises.rm(pathOf(tempKey), { force: true });
        throw meter.translate(error);
      }
      return { tempKey, ...meter.result() };
    },

    async commit(staged: StagedFile): Promise<string> {
      const key = newStorageKey(randomUUID());
      await fs.promises.mkdir(path.dirname(pathOf(key)), { recursive: true });
      await fs.promises.rename(pathOf(staged.tempKey), pathOf(key));
      return key;
    },

    async list() {
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

    discard: (staged: StagedFile) => fs.promises.rm(pathOf(staged.tempKey), { force: true }),
    remove: (key: string) => fs.promises.rm(pathOf(key), { force: true }),
    read: async (key: string) => {
      // Opened before answering, so a missing file is an error here rather than a broken response.
      const handle = await fs.promises.open(pathOf(key), 'r');
      return handle.createReadStream();
    },
  };
}

export { TooLargeError };
