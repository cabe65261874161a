import type { Readable } from 'node:stream';

export class TooLargeError extends Error {
  override name = 'TooLargeError';
}

/** An upload received and measured but not yet stored under its final key. */
export type StagedFile = { tempKey: string; sha256: string; sizeBytes: number; head: Buffer };

/** First bytes kept while streaming, enough for magic-number detection. */
export const HEAD_BYTES = 4100;

/**
 * Where document bytes live. Uploads are staged (streamed, hashed, measured, size-limited) under
 * a temporary key, checked by the caller, then committed under a fresh final key: a stored key
 * never holds a partial file. Implemented on a local directory and on S3-compatible storage.
 */
export interface FileStorage {
  stage(stream: Readable, maxBytes: number): Promise<StagedFile>;
  discard(staged: StagedFile): Promise<void>;
  commit(staged: StagedFile): Promise<string>;
  read(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** Every stored and temporary object with its age, for the orphan sweep. */
  list(): Promise<{ key: string; temp: boolean; modifiedAt: Date }[]>;
  /** Releases connections when the app closes. */
  close?(): Promise<void>;
}

/** Keys spread by month so no directory or prefix grows without bound. */
export function newStorageKey(id: string, now = new Date()): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
}
