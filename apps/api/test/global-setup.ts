import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_DIR } from '../src/paths';
import { openDatabase } from '../src/platform/db/database';
import { applyMigrations } from '../src/platform/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplatePath: string;
    serverTemplate: { url: string; template: string; prefix: string } | null;
  }
}

/**
 * Migrates one template database per run so each test file can start from a fresh copy in
 * milliseconds: a PGlite dump for the embedded engine, a `CREATE DATABASE … TEMPLATE` source on
 * the server. Everything is removed at the end of the run.
 */
export default async function setup(project: TestProject) {
  const target = project.config.env?.FT_TEST_DB === 'server' ? 'server' : 'embedded';
  const runId = randomBytes(4).toString('hex');

  if (target === 'embedded') {
    const embedded = await openDatabase({ kind: 'embedded', dataDir: undefined });
    await applyMigrations(embedded.db, MIGRATIONS_DIR);
    const dump = await embedded.embedded?.dumpDataDir('none');
    await embedded.close();
    if (!dump) throw new Error('could not dump the embedded template');
    const file = path.join(os.tmpdir(), `ft-test-template-${runId}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('embeddedTemplatePath', file);
    project.provide('serverTemplate', null);
    return () => fs.rmSync(file, { force: true });
  }

  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('FT_TEST_DB=server needs TEST_DATABASE_URL');
  const prefix = `ft_test_${runId}`;
  const template = `${prefix}_template`;
  const admin = await openDatabase({ kind: 'server', url, poolSize: 1 });
  await sql`create database ${sql.id(template)}`.execute(admin.db);
  const templateDb = await openDatabase({ kind: 'server', url: withDatabase(url, template), poolSize: 1 });
  await applyMigrations(templateDb.db, MIGRATIONS_DIR);
  await templateDb.close();
  project.provide('embeddedTemplatePath', '');
  project.provide('serverTemplate', { url, template, prefix });
  return async () => {
    const leftovers = await sql<{ datname: string }>`
      select datname from pg_database where datname like ${`${prefix}%`}`.execute(admin.db);
    for (const row of leftovers.rows) {
      await sql`drop database if exists ${sql.id(row.datname)} with (force)`.execute(admin.db);
    }
    await admin.close();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
