import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import type { DB } from './database';
import { seedDemoAccounts } from './modules/auth/demo';
import { createAuthService } from './modules/auth/service';
import { DEFAULT_WEB_DIST_DIR, MIGRATIONS_DIR, readAppVersion } from './paths';
import { DataDirInUseError } from './platform/db/data-dir-lock';
import { openDatabase } from './platform/db/database';
import { MigrationError } from './platform/db/migrate';
import { prepareSchema } from './platform/db/startup';
import { JobScheduler } from './platform/jobs/scheduler';
import { createLogger } from './platform/logger';
import { createMailer } from './platform/mail/mailer';

/** Failures an operator can fix get one line naming the cause, not a stack trace. */
function exitWithMessage(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof MigrationError) {
    process.stderr.write(`FinancialTracker cannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function printDemoAccounts(accounts: { role: string; email: string; password: string }[], dataDir: string) {
  const rows = accounts.map((a) => `  ${a.role.padEnd(7)} ${a.email.padEnd(34)} ${a.password}`);
  process.stdout.write(
    `\nDemo accounts created (shown once; also saved in ${dataDir}/demo-accounts.txt):\n${rows.join('\n')}\n\n`,
  );
}

async function main() {
  const config = (() => {
    try {
      return loadConfig(process.env, readAppVersion());
    } catch (error) {
      return exitWithMessage(error);
    }
  })();
  const log = createLogger({ level: config.logLevel, pretty: config.logPretty });

  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : {
          ...config.database,
          onConnectionError: (error) =>
            log.warn({ err: error }, 'database connection lost; it will be replaced'),
        },
  ).catch(exitWithMessage);
  await prepareSchema(database.db, {
    kind: database.kind,
    migrateOnStart: config.migrateOnStart,
    migrationsDir: MIGRATIONS_DIR,
    log,
  }).catch(async (error) => {
    await database.close();
    exitWithMessage(error);
  });

  if (database.kind === 'embedded' && config.seedDemoData) {
    const mailer = createMailer({ smtpUrl: undefined, from: config.mailFrom, log });
    const auth = createAuthService({ db: database.db, mailer, publicUrl: config.publicUrl });
    const accounts = await seedDemoAccounts(database.db, auth, config.dataDir);
    if (accounts) printDemoAccounts(accounts, config.dataDir);
  }

  const scheduler = new JobScheduler(database.db, log);
  const app = await buildApp({
    config: { ...config, webDistDir: config.webDistDir ?? DEFAULT_WEB_DIST_DIR },
    database,
    logger: log,
    scheduler,
  });
  if (config.jobsEnabled) scheduler.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    scheduler.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  log.info(
    { url: config.publicUrl, database: database.kind },
    `FinancialTracker is running on ${config.publicUrl} (${database.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`,
  );
}

await main();
