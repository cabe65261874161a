import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Cache-aside: `getOrLoad` answers from the cache or runs the loader and keeps its result for the
 * TTL; the code that changes the data calls `invalidate` once its transaction has committed.
 * Values must survive JSON (plain objects, arrays, strings, numbers, booleans, null).
 */
export type Cache = {
  getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(...keys: string[]): Promise<void>;
  readonly kind: 'redis' | 'memory';
};

export type CacheOptions = {
  ttlSeconds: number;
  log: FastifyBaseLogger;
  /** With Redis, entries are shared by every instance, so deleting one is seen everywhere at once. */
  redis?: Redis | undefined;
  keyPrefix?: string;
  /** Entries kept by the in-memory variant. */
  maxEntries?: number;
};

function memoryCache(options: CacheOptions): Cache {
  const entries = new LRUCache<string, { value: unknown }>({
    max: options.maxEntries ?? 500,
    ttl: options.ttlSeconds * 1000,
  });
  return {
    kind: 'memory',
    async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit) return hit.value as T;
      const value = await load();
      entries.set(key, { value });
      return value;
    },
    async invalidate(...keys: string[]) {
      for (const key of keys) entries.delete(key);
    },
  };
}

/**
 * Redis failures never fail a read: the loader answers (straight from the database) and nothing is
 * stored. A failed invalidation is logged; the TTL bounds how long the stale entry can live.
 */
function redisCache(redis: Redis, options: CacheOptions): Cache {
  const prefix = `${options.keyPrefix ?? ''}cache:`;
  return {
    kind: 'redis',
    async getOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
      const stored = await redis.get(prefix + key).catch(() => undefined);
      if (typeof stored === 'string') return JSON.parse(stored) as T;
      const value = await load();
      if (stored === null) {
        await redis.set(prefix + key, JSON.stringify(value), 'EX', options.ttlSeconds).catch(() => undefined);
      }
      return value;
    },
    async invalidate(...keys: string[]) {
      if (keys.length === 0) return;
      await redis.del(...keys.map((key) => prefix + key)).catch((error: unknown) => {
        options.log.error({ err: error, keys }, 'cache invalidation failed: entries expire with their TTL');
      });
    },
  };
}

export function createCache(options: CacheOptions): Cache {
  return options.redis ? redisCache(options.redis, options) : memoryCache(options);
}
