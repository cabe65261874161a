import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { DB } from '../src/database';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database';
import { withDatabase } from './global-setup';

export type TestDatabase = DatabaseHandle<DB> & { name: string };

/** A fresh, migrated database for one test file, on the engine this test project targets. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('serverTemplate');
  if (!server) {
    const dump = fs.readFileSync(inject('embeddedTemplatePath'));
    const handle = await openDatabase<DB>({
      kind: 'embedded',
      dataDir: undefined,
      loadFrom: new Blob([dump]),
    });
    return { ...handle, name: 'embedded' };
  }
  const name = `${server.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'server', url: server.url, poolSize: 1 });
  try {
    await sql`create database ${sql.id(name)} template ${sql.id(server.template)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const handle = await openDatabase<DB>({ kind: 'server', url: withDatabase(server.url, name), poolSize: 5 });
  return {
    ...handle,
    name,
    close: async () => {
      await handle.close();
      const cleanup = await openDatabase({ kind: 'server', url: server.url, poolSize: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup.db);
      await cleanup.close();
    },
  };
}
