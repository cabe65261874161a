import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { inject, vi } from 'vitest';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import type { DB } from '../src/database';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database';
import type { JobScheduler } from '../src/platform/jobs/scheduler';
import { withDatabase } from './global-setup';
import { createTestDatabase, type TestDatabase } from './test-db';

/**
 * An installation as an operator has it: a DATA_DIR on disk (the embedded database in `pg/`, or a
 * real database on the server) that the CLI commands open through the configuration, exactly
 * like `npm run backup` does.
 */
export type LiveEnvironment = {
  engine: 'embedded' | 'server';
  config: Config;
  dataDir: string;
  /** Opens the database the way the server would (the embedded one takes the owner lock). */
  open(): Promise<DatabaseHandle<DB>>;
  /** The application over an open database, with uploads under DATA_DIR/files. */
  app(database: DatabaseHandle<DB>, scheduler?: JobScheduler<DB>): Promise<FastifyInstance>;
  /** Loses everything: the database's tables and the uploaded files. */
  destroy(): Promise<void>;
  close(): Promise<void>;
};

export async function createLiveEnvironment(
  extraEnv: (dataDir: string) => Record<string, string> = () => ({}),
): Promise<LiveEnvironment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-live-'));
  const env = extraEnv(dataDir);
  const server = inject('serverTemplate');
  const base = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, JOBS_ENABLED: 'false', ...env };
  const logger = pino({ level: 'silent' });
  let serverDb: TestDatabase | undefined;
  if (server) serverDb = await createTestDatabase();
  const config = loadConfig(
    serverDb && server ? { ...base, DATABASE_URL: withDatabase(server.url, serverDb.name) } : base,
    'test',
  );
  const pgDir = path.join(dataDir, 'pg');

  return {
    engine: server ? 'server' : 'embedded',
    config,
    dataDir,
    async open() {
      if (serverDb) return { ...serverDb, close: async () => {} };
      const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
      return openDatabase<DB>({
        kind: 'embedded',
        dataDir: pgDir,
        ...(fresh ? { loadFrom: new Blob([fs.readFileSync(inject('embeddedTemplatePath'))]) } : {}),
      });
    },
    async app(database, scheduler) {
      const app = await buildApp({ config, database, logger, scheduler, filesDir: config.filesDir });
      await app.ready();
      return app;
    },
    async destroy() {
      if (serverDb) {
        await sql`drop schema public cascade`.execute(serverDb.db);
        await sql`create schema public`.execute(serverDb.db);
      } else {
        fs.rmSync(pgDir, { recursive: true, force: true });
      }
      fs.rmSync(config.filesDir, { recursive: true, force: true });
    },
    async close() {
      await serverDb?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SHA-256 of every stored file, by path under the storage root. */
export function fileChecksums(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const entries = fs.readdirSync(dir, { recursive: true }).map(String).sort();
  return Object.fromEntries(
    entries
      .filter((entry) => fs.statSync(path.join(dir, entry)).isFile())
      .map((entry) => [
        entry,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, entry)))
          .digest('hex'),
      ]),
  );
}

/** Runs a CLI command function and returns its exit code and what it printed. */
export async function runCli(
  command: () => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await command(), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
