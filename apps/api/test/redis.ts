import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';

/** The shared Redis of CI and these machines, when configured; tests needing it skip otherwise. */
export const testRedisUrl = process.env.TEST_REDIS_URL;

export const redisSkipReason = 'TEST_REDIS_URL is not set: the shared-Redis behaviour needs a real Redis';

/** Keys of one test never meet another test's or another session's on the shared server. */
export const uniqueKeyPrefix = () => `ft-test:${randomBytes(6).toString('hex')}:`;

/** Removes every key a test wrote under its prefix. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

/** A TCP port nothing listens on: stands in for a Redis that is down. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
