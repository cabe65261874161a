import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import type { DB } from '../database';
import { createAuthService } from '../modules/auth/service';
import { MIGRATIONS_DIR, readAppVersion } from '../paths';
import { DataDirInUseError } from '../platform/db/data-dir-lock';
import { openDatabase } from '../platform/db/database';
import { applyMigrations, MigrationError, migrationStatus } from '../platform/db/migrate';
import { AppError } from '../platform/http/errors';
import { createMailer } from '../platform/mail/mailer';
import { readPassword } from './read-password';

const USAGE = `Usage: npm run <command>
  migrate                             apply pending migrations
  migrate:status                      list applied and pending migrations
  admin:create -- --email <address>   create an admin (password prompted, or read from stdin)`;

type Database = Awaited<ReturnType<typeof openDatabase<DB>>>;

const commands: Record<string, (database: Database, args: string[]) => Promise<number>> = {
  async migrate(database) {
    const applied = await applyMigrations(database.db, MIGRATIONS_DIR, (name) =>
      process.stdout.write(`applied ${name}\n`),
    );
    process.stdout.write(
      applied.length === 0
        ? 'Nothing to apply: the schema is up to date.\n'
        : `${applied.length} migration(s) applied.\n`,
    );
    return 0;
  },

  async 'migrate:status'(database) {
    const status = await migrationStatus(database.db, MIGRATIONS_DIR);
    for (const migration of status.applied) {
      process.stdout.write(`applied  ${migration.name}  ${migration.appliedAt.toISOString()}\n`);
    }
    for (const migration of status.pending) process.stdout.write(`pending  ${migration.name}\n`);
    process.stdout.write(`${status.applied.length} applied, ${status.pending.length} pending\n`);
    return 0;
  },

  async 'admin:create'(database, args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
    if (!values.email) {
      process.stderr.write('admin:create needs --email <address>\n');
      return 2;
    }
    await applyMigrations(database.db, MIGRATIONS_DIR);
    const password = await readPassword(`Password for ${values.email} (12 characters or more): `);
    const mailer = createMailer({ smtpUrl: undefined, from: 'cli', log: pino({ level: 'silent' }) });
    const auth = createAuthService({ db: database.db, mailer, publicUrl: '' });
    const admin = await auth.createAdmin({ email: values.email, password });
    process.stdout.write(`Admin ${admin.email} created.\n`);
    return 0;
  },
};

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env, readAppVersion());
  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : config.database,
  );
  try {
    return await command(database, args);
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof AppError) {
    const details = error.details?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    process.stderr.write(`${details ?? error.message}\n`);
    process.exitCode = 1;
  } else if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof MigrationError
  ) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
