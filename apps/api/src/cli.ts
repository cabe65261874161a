import { ConfigError, loadConfig } from './config';
import type { DB } from './database';
import { MIGRATIONS_DIR, readAppVersion } from './paths';
import { DataDirInUseError } from './platform/db/data-dir-lock';
import { openDatabase } from './platform/db/database';
import { applyMigrations, MigrationError, migrationStatus } from './platform/db/migrate';

const USAGE = `Usage: npm run <command>
  migrate           apply pending migrations
  migrate:status    list applied and pending migrations`;

async function run(command: string | undefined): Promise<number> {
  const config = loadConfig(process.env, readAppVersion());
  if (command !== 'migrate' && command !== 'migrate:status') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : config.database,
  );
  try {
    if (command === 'migrate') {
      const applied = await applyMigrations(database.db, MIGRATIONS_DIR, (name) =>
        process.stdout.write(`applied ${name}\n`),
      );
      process.stdout.write(
        applied.length === 0
          ? 'Nothing to apply: the schema is up to date.\n'
          : `${applied.length} migration(s) applied.\n`,
      );
      return 0;
    }
    const status = await migrationStatus(database.db, MIGRATIONS_DIR);
    for (const migration of status.applied) {
      process.stdout.write(`applied  ${migration.name}  ${migration.appliedAt.toISOString()}\n`);
    }
    for (const migration of status.pending) process.stdout.write(`pending  ${migration.name}\n`);
    process.stdout.write(`${status.applied.length} applied, ${status.pending.length} pending\n`);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await run(process.argv[2]);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof MigrationError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
