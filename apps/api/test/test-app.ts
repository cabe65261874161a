import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { DB } from '../src/database';
import { JobScheduler } from '../src/platform/jobs/scheduler';
import { createTestDatabase, type TestDatabase } from './test-db';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  scheduler: JobScheduler<DB>;
  filesDir: string;
  close(): Promise<void>;
};

// Every test calls from 127.0.0.1 and many create accounts, so the limits are high here; the
// rate-limit tests lower them to exercise the feature itself.
export const TEST_RATE_LIMITS = { RATE_LIMIT_MAX: '100000', RATE_LIMIT_STRICT_MAX: '100000' };

export type TestAppOptions = {
  /** Share a database with another test app (two instances of one deployment). */
  database?: TestDatabase;
  logger?: pino.Logger;
  /** A fixed or steerable "now" for date-dependent rules (simulator parameters, deadlines). */
  clock?: () => Date;
};

/** The real application over a fresh database, driven through HTTP with `app.inject`. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const shared = options.database;
  const database = shared ?? (await createTestDatabase());
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...TEST_RATE_LIMITS, ...env },
    'test',
  );
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Jobs are registered but not started: tests run them with scheduler.runNow.
  const scheduler = new JobScheduler<DB>(database.db, logger);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-files-'));
  const app = await buildApp({
    config,
    database,
    logger,
    scheduler,
    filesDir,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    scheduler,
    filesDir,
    close: async () => {
      await app.close();
      // A shared database belongs to whoever created it.
      if (!shared) await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
