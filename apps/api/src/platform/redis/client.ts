import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A Redis connection that never holds a request hostage: commands fail at once while Redis is
 * unreachable (no offline queue, no per-command retries) so callers fall back (rate limits are
 * skipped, the cache reads the database), and ioredis keeps reconnecting in the background.
 * Errors are logged at most every 30 s so an outage does not flood the logs.
 */
export function createRedis(url: string, log: FastifyBaseLogger, options: { name: string }): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    connectionName: options.name,
  });
  let lastErrorLog = 0;
  let degraded = false;
  redis.on('error', (error: Error) => {
    degraded = true;
    if (Date.now() - lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    lastErrorLog = Date.now();
    log.error({ err: error, redis: options.name }, 'Redis unreachable: running degraded');
  });
  redis.on('ready', () => {
    if (degraded) log.info({ redis: options.name }, 'Redis reachable again');
    degraded = false;
  });
  return redis;
}

/** Closes without waiting for a server that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
