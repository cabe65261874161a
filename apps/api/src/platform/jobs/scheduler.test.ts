import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { DB } from '../../database';
import { JobScheduler } from './scheduler';

let database: TestDatabase;
const silent = pino({ level: 'silent' });
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('recurring jobs', () => {
  it('runs a due job once per period across instances and journals it', async () => {
    let runs = 0;
    const job = {
      name: 'count-runs',
      intervalMs: 60_000,
      run: async () => {
        runs += 1;
      },
    };
    const instanceA = new JobScheduler<DB>(database.db, silent);
    const instanceB = new JobScheduler<DB>(database.db, silent);
    instanceA.register(job);
    instanceB.register(job);

    const outcomes = await Promise.all([instanceA.runNow('count-runs'), instanceB.runNow('count-runs')]);
    expect(outcomes.sort()).toEqual(['skipped', 'succeeded']);
    expect(runs).toBe(1);
    expect(await instanceA.runNow('count-runs')).toBe('skipped');

    const journal = await database.db
      .selectFrom('job_runs')
      .selectAll()
      .where('job_name', '=', 'count-runs')
      .execute();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ outcome: 'succeeded', error: null });
    expect(journal[0]?.finished_at).toBeInstanceOf(Date);
  });

  it('records a failing run with its error and retries it next time', async () => {
    const scheduler = new JobScheduler<DB>(database.db, silent);
    let attempts = 0;
    scheduler.register({
      name: 'flaky',
      intervalMs: 60_000,
      run: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('upstream unavailable');
      },
    });
    expect(await scheduler.runNow('flaky')).toBe('failed');
    expect(await scheduler.runNow('flaky')).toBe('succeeded');
    const rows = await sql<{ outcome: string; error: string | null }>`
      select outcome, error from job_runs where job_name = 'flaky' order by id`.execute(database.db);
    expect(rows.rows).toEqual([
      { outcome: 'failed', error: 'upstream unavailable' },
      { outcome: 'succeeded', error: null },
    ]);
  });

  // Another holder of the advisory lock can only exist on a shared server: the embedded engine has
  // one owner process (the data directory lock), so there the journal check alone applies.
  it.runIf(inject('serverTemplate') !== null)(
    'skips a run while another instance holds the job lock',
    async () => {
      const scheduler = new JobScheduler<DB>(database.db, silent);
      scheduler.register({ name: 'held', intervalMs: 1000, run: async () => {} });
      await database.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(hashtext('job:held'))`.execute(conn);
        try {
          expect(await scheduler.runNow('held')).toBe('skipped');
        } finally {
          await sql`select pg_advisory_unlock(hashtext('job:held'))`.execute(conn);
        }
      });
      expect(await scheduler.runNow('held')).toBe('succeeded');
    },
  );

  it('gives every job a first run shortly after start, then lets the journal decide', async () => {
    let runs = 0;
    const scheduler = new JobScheduler<DB>(database.db, silent);
    scheduler.register({
      name: 'daily-after-deploy',
      intervalMs: 24 * 3600 * 1000,
      run: async () => {
        runs += 1;
      },
    });
    scheduler.start({ firstRunDelayMs: 10 });
    await expect.poll(() => runs, { timeout: 5000 }).toBe(1);
    scheduler.stop();
    // A restart within the period finds the run in the journal and does not repeat it.
    const restarted = new JobScheduler<DB>(database.db, silent);
    restarted.register({ name: 'daily-after-deploy', intervalMs: 24 * 3600 * 1000, run: async () => {} });
    expect(await restarted.runNow('daily-after-deploy')).toBe('skipped');
  });
});
