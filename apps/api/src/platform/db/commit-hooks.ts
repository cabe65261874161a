import type { Kysely, Transaction } from 'kysely';

type CommitHook = () => void | Promise<void>;

const pendingByTransaction = new WeakMap<object, CommitHook[]>();

/**
 * Runs `callback` once the transaction `db` commits (never if it rolls back). Returns false when
 * `db` is not a transaction opened through `transactionWithCommitHooks`, so the caller can decide
 * what to do instead (publish at once). A callback returning a promise is awaited before the
 * transaction's caller resumes, so a cache invalidation is done by the time the response is sent.
 */
export function afterCommit(db: object, callback: CommitHook): boolean {
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
  const pending: CommitHook[] = [];
  const result = await db.transaction().execute((trx) => {
    pendingByTransaction.set(trx, pending);
    return work(trx);
  });
  for (const callback of pending) await callback();
  return result;
}
