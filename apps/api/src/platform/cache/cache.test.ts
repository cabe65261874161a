import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { closedPort, deleteKeys, redisSkipReason, testRedisUrl, uniqueKeyPrefix } from '../../../test/redis';
import { closeRedis, createRedis } from '../redis/client';
import { type Cache, createCache } from './cache';

const log = pino({ level: 'silent' });

/** A loader that counts its calls and returns what `source` holds now. */
function source<T>(initial: T) {
  const state = { value: initial, loads: 0 };
  const load = async () => {
    state.loads++;
    return state.value;
  };
  return { state, load };
}

async function behavesAsCacheAside(cache: Cache) {
  const { state, load } = source({ name: 'before' });
  expect(await cache.getOrLoad('k', load)).toEqual({ name: 'before' });
  state.value = { name: 'after' };
  expect(await cache.getOrLoad('k', load)).toEqual({ name: 'before' });
  expect(state.loads).toBe(1);
  await cache.invalidate('k');
  expect(await cache.getOrLoad('k', load)).toEqual({ name: 'after' });
  expect(state.loads).toBe(2);
}

describe('in-memory cache', () => {
  it('serves from memory until invalidated', async () => {
    await behavesAsCacheAside(createCache({ ttlSeconds: 60, log }));
  });

  it('expires entries after the TTL', async () => {
    const cache = createCache({ ttlSeconds: 1, log });
    const { state, load } = source(1);
    await cache.getOrLoad('k', load);
    state.value = 2;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await cache.getOrLoad('k', load)).toBe(2);
  });
});

describe.skipIf(!testRedisUrl)(`Redis cache (${testRedisUrl ? 'shared' : redisSkipReason})`, () => {
  const url = testRedisUrl ?? '';
  const prefix = uniqueKeyPrefix();
  const a = createRedis(url, log, { name: 'cache-test-a' });
  const b = createRedis(url, log, { name: 'cache-test-b' });
  afterAll(async () => {
    await closeRedis(a);
    await closeRedis(b);
    await deleteKeys(url, prefix);
  });

  it('serves from Redis until invalidated', async () => {
    await behavesAsCacheAside(createCache({ ttlSeconds: 60, log, redis: a, keyPrefix: `${prefix}one:` }));
  });

  it('shares entries and invalidations between instances', async () => {
    const first = createCache({ ttlSeconds: 60, log, redis: a, keyPrefix: prefix });
    const second = createCache({ ttlSeconds: 60, log, redis: b, keyPrefix: prefix });
    const { state, load } = source('v1');
    expect(await first.getOrLoad('shared', load)).toBe('v1');
    state.value = 'v2';
    expect(await second.getOrLoad('shared', load)).toBe('v1');
    await first.invalidate('shared');
    expect(await second.getOrLoad('shared', load)).toBe('v2');
    expect(state.loads).toBe(2);
  });

  it('sets the TTL on every entry', async () => {
    const cache = createCache({ ttlSeconds: 42, log, redis: a, keyPrefix: prefix });
    await cache.getOrLoad('ttl', async () => 1);
    const ttl = await a.ttl(`${prefix}cache:ttl`);
    expect(ttl).toBeGreaterThan(40);
    expect(ttl).toBeLessThanOrEqual(42);
  });
});

describe('Redis cache with Redis down', () => {
  it('reads through to the loader every time', async () => {
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`, log, { name: 'cache-down' });
    try {
      const cache = createCache({ ttlSeconds: 60, log, redis });
      const { state, load } = source('fresh');
      expect(await cache.getOrLoad('k', load)).toBe('fresh');
      state.value = 'fresher';
      expect(await cache.getOrLoad('k', load)).toBe('fresher');
      await expect(cache.invalidate('k')).resolves.toBeUndefined();
    } finally {
      await closeRedis(redis);
    }
  });
});
