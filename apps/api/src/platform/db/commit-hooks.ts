import type { Kysely, Transaction } from 'kysely';

const pendingByTransaction = new WeakMap<object, (() => void)[]>();

/**
 * Runs `callback` once the transaction `db` commits (never if it rolls back). Returns false when
 * `db` is not a transaction opened through `transactionWithCommitHooks`, so the caller can decide
 * what to do instead (publish at once).
 */
export function afterCommit(db: object, callback: () => void): boolean {
  const pending = pendingByTransaction.get(db);
  if (!pending) return false;
  pending.push(callback);
  return true;
}

/** `db.transaction().execute(work)` that also runs the callbacks registered with `afterCommit`. */
export async function transactionWithCommitHooks<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const pending: (() => void)[] = [];
  const result = await db.transaction().execute((trx) => {
    pendingByTransaction.set(trx, pending);
    return work(trx);
  });
  for (const callback of pending) callback();
  return result;
}
