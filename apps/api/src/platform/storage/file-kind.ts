import { fileTypeFromBuffer } from 'file-type';

const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's real type from its first bytes (magic numbers); the declared MIME type and the
 * extension are not trusted. CSV and plain text have no signature: they must decode as UTF-8.
 */
export async function detectAllowedType(head: Buffer, fileName: string): Promise<string | null> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return ALLOWED.has(detected.mime) ? detected.mime : null;
  if (head.length > 0 && looksLikeText(head))
    return fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
  return null;
}
