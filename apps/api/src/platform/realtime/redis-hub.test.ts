import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { transactionWithCommitHooks } from '../db/commit-hooks';
import type { RealtimeEvent } from './hub';
import { createRedisHub } from './redis-hub';

const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl)('Redis pub/sub hub (TEST_REDIS_URL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('delivers across hubs, only once the publishing transaction commits', async () => {
    const channel = `ft-test-${randomBytes(4).toString('hex')}`;
    const log = pino({ level: 'silent' });
    const a = await createRedisHub({ url: redisUrl ?? '', channel, log });
    const b = await createRedisHub({ url: redisUrl ?? '', channel, log });
    const received: RealtimeEvent[] = [];
    b.subscribe('user-1', (event) => received.push(event));
    try {
      await transactionWithCommitHooks(database.db, async (trx) => {
        await a.publish(trx, ['user-1'], { type: 'probe', payload: { n: 1 } });
        throw new Error('rollback');
      }).catch(() => {});
      await transactionWithCommitHooks(database.db, (trx) =>
        a.publish(trx, ['user-1', 'user-2'], { type: 'probe', payload: { n: 2 } }),
      );
      const deadline = Date.now() + 3000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual([{ type: 'probe', payload: { n: 2 } }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
