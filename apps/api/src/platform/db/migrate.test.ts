import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { MIGRATIONS_DIR } from '../../paths';
import { applyMigrations, MigrationError, migrationStatus } from './migrate';
import { prepareSchema } from './startup';

let database: TestDatabase;
let dir: string;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-migrations-'));
  for (const file of fs.readdirSync(MIGRATIONS_DIR))
    fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('reports every shipped migration as applied on a migrated database', async () => {
    const status = await migrationStatus(database.db, dir);
    expect(status.pending).toEqual([]);
    expect(status.applied.map((m) => m.name)).toEqual(fs.readdirSync(MIGRATIONS_DIR).sort());
  });

  it('lists a new file as pending, refuses to start a server that is behind, then applies it once', async () => {
    fs.writeFileSync(path.join(dir, '9000_probe.sql'), 'create table migration_probe (id int);\n');
    const status = await migrationStatus(database.db, dir);
    expect(status.pending).toEqual([{ version: 9000, name: '9000_probe.sql' }]);

    await expect(
      prepareSchema(database.db, { kind: 'server', migrateOnStart: false, migrationsDir: dir, log: silent }),
    ).rejects.toThrow(/schema is behind.*9000_probe\.sql.*MIGRATE_ON_START=true/);

    expect(await applyMigrations(database.db, dir)).toEqual(['9000_probe.sql']);
    expect(await applyMigrations(database.db, dir)).toEqual([]);
    await sql`select * from migration_probe`.execute(database.db);
  });

  it('rolls a failing migration back entirely and records nothing', async () => {
    fs.writeFileSync(
      path.join(dir, '9001_broken.sql'),
      'create table half_done (id int);\nselect * from no_such_table;\n',
    );
    await expect(applyMigrations(database.db, dir)).rejects.toThrow(/no_such_table/);
    const exists = await sql<{
      present: boolean;
    }>`select to_regclass('half_done') is not null as present`.execute(database.db);
    expect(exists.rows[0]?.present).toBe(false);
    expect((await migrationStatus(database.db, dir)).pending.map((m) => m.version)).toEqual([9001]);
    fs.rmSync(path.join(dir, '9001_broken.sql'));
  });

  it('refuses a database whose applied migration file was changed', async () => {
    fs.appendFileSync(path.join(dir, '9000_probe.sql'), '-- edited after the fact\n');
    await expect(applyMigrations(database.db, dir)).rejects.toThrow(MigrationError);
    await expect(migrationStatus(database.db, dir)).rejects.toThrow(
      /9000_probe\.sql was changed after it was applied/,
    );
  });
});
