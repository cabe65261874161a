/** The name of the unique constraint a write violated, if that is why it failed. */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return undefined;
  return typeof constraint === 'string' ? constraint : 'unknown';
}

/** `app_session_unchanged` refused: the session changed since this instance resolved it (FTS01). */
export function sessionChanged(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'FTS01';
}

// SQLSTATE classes and codes that mean "the database is not there right now", not "this query
// is wrong": connection exceptions, shutdown in progress, too many connections, cannot connect.
const UNAVAILABLE_SQLSTATES = /^(08|57P0[1-3]|53300)/;
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended',
];

/**
 * Whether a query failed because the database could not be reached (server down, network cut,
 * server shutting down, too many connections) rather than because of the query itself.
 */
export function databaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNREACHABLE_CODES.has(code)))
    return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

/** PostgreSQL refused a text value it cannot store (a NUL byte, a character outside UTF-8). */
export function textRefusedByDatabase(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === '22021' || code === '22P05';
}
