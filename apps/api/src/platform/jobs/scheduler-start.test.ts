import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { DB } from '../../database';
import { JobScheduler } from './scheduler';

let database: TestDatabase;
const silent = pino({ level: 'silent' });
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('started schedulers', () => {
  it('run each job shortly after start, once across instances, and wait for it on stop', async () => {
    let runs = 0;
    const job = {
      name: 'first-run',
      intervalMs: 24 * 3600 * 1000,
      run: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      },
    };
    const instances = [new JobScheduler<DB>(database.db, silent), new JobScheduler<DB>(database.db, silent)];
    for (const instance of instances) {
      instance.register(job);
      instance.start({ firstRunDelayMs: 50 });
    }
    await expect.poll(() => runs, { timeout: 5_000 }).toBe(1);
    await Promise.all(instances.map((instance) => instance.stop()));
    const journal = await database.db
      .selectFrom('job_runs')
      .select(['outcome'])
      .where('job_name', '=', 'first-run')
      .execute();
    // stop() waited for the run in progress, so it is journalled as finished.
    expect(journal).toEqual([{ outcome: 'succeeded' }]);
    expect(runs).toBe(1);
  });

  it('never runs after stop', async () => {
    let runs = 0;
    const scheduler = new JobScheduler<DB>(database.db, silent);
    scheduler.register({ name: 'stopped-early', intervalMs: 60_000, run: async () => void runs++ });
    scheduler.start({ firstRunDelayMs: 100 });
    await scheduler.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).toBe(0);
  });
});
