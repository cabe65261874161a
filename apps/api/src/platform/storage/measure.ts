import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HEAD_BYTES, TooLargeError } from './storage';

/**
 * Watches an upload stream on its way to storage: SHA-256, size and the first bytes, and stops it
 * as soon as it passes `maxBytes` — the size limit holds while streaming, not after.
 */
export function measure(stream: Readable, maxBytes: number) {
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
  return {
    /** The multipart parser stops a file at its own limit and marks the stream truncated. */
    assertComplete() {
      if ((stream as Readable & { truncated?: boolean }).truncated) throw new TooLargeError('file too large');
    },
    /** The multipart parser reports the same limit with its own error. */
    translate(error: unknown): unknown {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        return new TooLargeError('file too large');
      return error;
    },
    result: () => ({ sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(headChunks) }),
  };
}
