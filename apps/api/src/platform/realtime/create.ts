import type { PGlite } from '@electric-sql/pglite';
import type { RealtimeHub } from './hub';
import { createPostgresHub, DEFAULT_CHANNEL, embeddedSource, serverSource } from './pg-hub';
import { createRedisHub } from './redis-hub';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/**
 * The hub a running server uses: Redis pub/sub when REDIS_URL is set, otherwise PostgreSQL
 * LISTEN/NOTIFY on whichever engine the database is (the embedded engine is one process, but NOTIFY
 * still gives delivery on commit only).
 */
export function createRealtimeHub(options: {
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  /** The embedded engine when there is no DATABASE_URL. */
  embedded: PGlite | undefined;
  log: Log;
  channel?: string;
}): Promise<RealtimeHub> {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  if (options.redisUrl) return createRedisHub({ url: options.redisUrl, channel, log: options.log });
  if (options.databaseUrl) {
    return createPostgresHub({ source: serverSource(options.databaseUrl, options.log, channel), channel });
  }
  const embedded = options.embedded;
  if (!embedded) throw new Error('an embedded database or a DATABASE_URL is needed for the realtime hub');
  return createPostgresHub({ source: embeddedSource(embedded, channel), channel });
}
