import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { afterCommit } from '../db/commit-hooks';

/** What a connected browser receives: a type it switches on and a small JSON payload. */
export type RealtimeEvent = { type: string; payload: Record<string, unknown> };

export type RealtimeListener = (event: RealtimeEvent) => void;

/**
 * Pushes events to the sockets of given users, wherever (which instance) they are connected.
 * Modules publish from inside their transaction: an implementation over PostgreSQL NOTIFY delivers
 * only once that transaction commits, so a rolled-back change announces nothing.
 */
export interface RealtimeHub {
  // biome-ignore lint/suspicious/noExplicitAny: publishes from any module's transaction.
  publish(db: Kysely<any>, userIds: readonly string[], event: RealtimeEvent): Promise<void>;
  /** Listens to one user's events on this instance; returns the function that stops listening. */
  subscribe(userId: string, listener: RealtimeListener): () => void;
  close(): Promise<void>;
}

/**
 * Single-process hub: events reach the sockets of this process only, at once. Enough for one
 * instance; cross-instance fan-out replaces it with a NOTIFY-based hub behind the same interface.
 */
export function createLocalHub(): RealtimeHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(db, userIds, event) {
      const deliver = () => {
        for (const userId of new Set(userIds)) emitter.emit(userId, event);
      };
      // Like NOTIFY: a change announces itself once committed, so a socket never sees a rolled-back
      // change nor refetches before the commit.
      if (!afterCommit(db, deliver)) deliver();
    },
    subscribe(userId, listener) {
      emitter.on(userId, listener);
      return () => emitter.off(userId, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
