import { AppError } from '../http/errors';

/** A keyset position: lists are ordered by (created_at desc, id desc), never by offset. */
export type Keyset = { createdAt: Date; id: string };

export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 400, 'Le curseur de pagination est invalide.', {
      errors: [{ field: 'cursor', message: 'Curseur invalide.' }],
    });
  }
}

/** Splits the extra row fetched to know whether another page exists. */
export function page<T>(rows: T[], limit: number, position: (row: T) => Keyset) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}

/** A case-insensitive LIKE pattern matching `text` literally anywhere. */
export const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
