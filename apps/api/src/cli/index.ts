import { parseArgs } from 'node:util';
import pino from 'pino';
import QRCode from 'qrcode';
import { type Config, ConfigError, loadConfig } from '../config';
import type { DB } from '../database';
import { createAuthService } from '../modules/auth/service';
import { totpFor } from '../modules/auth/totp';
import { MIGRATIONS_DIR, readAppVersion } from '../paths';
import { BackupError } from '../platform/backup/layout';
import { DataDirInUseError } from '../platform/db/data-dir-lock';
import { openDatabase } from '../platform/db/database';
import { applyMigrations, MigrationError, migrationStatus } from '../platform/db/migrate';
import { AppError } from '../platform/http/errors';
import { createMailer } from '../platform/mail/mailer';
import { backupCommand, verifyCommand } from './backup';
import { maintenanceCommand } from './maintenance';
import { readPassword } from './read-password';
import { restoreCommand } from './restore';

const USAGE = `Usage: npm run <command>
  migrate                             apply pending migrations
  migrate:status                      list applied and pending migrations
  admin:create -- --email <address>   create an admin (password prompted, or read from stdin) with its TOTP
  totp -- <secret>                    the current TOTP code of a base32 secret (demo accounts)
  backup                              dump the database and the stored files to BACKUP_DIR
  backup:verify [-- <name>]           restore the latest (or named) backup in a scratch database and compare
  restore [-- <name or date> [--yes]] list backups, or restore one (then migrate and check readiness)
  maintenance -- daily|weekly         purge, checks, vacuum, backup verification; prints a report`;

// Commands that open the database themselves (or never): a restore replaces it, a backup explains
// what to do when the server owns the embedded one.
const standalone: Record<string, (config: Config, args: string[]) => Promise<number>> = {
  backup: (config) => backupCommand(config),
  'backup:verify': verifyCommand,
  restore: restoreCommand,
  maintenance: maintenanceCommand,
  // The current code of a TOTP secret (demo accounts, a lost phone with the secret on paper).
  async totp(_config, args) {
    const [secret] = args;
    if (!secret) {
      process.stderr.write('totp needs <base32 secret>\n');
      return 2;
    }
    process.stdout.write(`${totpFor(secret, 'cli').generate()}\n`);
    return 0;
  },
};

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
    const { user, secondFactor } = await auth.createAdmin({ email: values.email, password });
    // Admins must sign in with a second factor: the authenticator is enrolled here, at creation.
    const qr = await QRCode.toString(secondFactor.uri, { type: 'terminal', small: true });
    process.stdout.write(
      [
        `Admin ${user.email} created.`,
        'Scan this QR code with an authenticator app (or type the secret):',
        qr,
        `TOTP secret: ${secondFactor.secret}`,
        `TOTP URI: ${secondFactor.uri}`,
        'Recovery codes (each works once; keep them somewhere safe, they are not shown again):',
        ...secondFactor.recoveryCodes.map((code) => `  ${code}`),
        '',
      ].join('\n'),
    );
    return 0;
  },
};

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const own = name ? standalone[name] : undefined;
  const command = name ? commands[name] : undefined;
  if (!command && !own) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env, readAppVersion());
  if (own) return own(config, args);
  if (!command) return 2;
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
    error instanceof BackupError ||
    error instanceof DataDirInUseError ||
    error instanceof MigrationError
  ) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
