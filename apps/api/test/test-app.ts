import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestDatabase, type TestDatabase } from './test-db';

export type TestApp = { app: FastifyInstance; database: TestDatabase; close(): Promise<void> };

/** The real application over a fresh database, driven through HTTP with `app.inject`. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false', ...env }, 'test');
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
