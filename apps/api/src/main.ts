import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import type { DB } from './database';
import { type DemoAccount, seedDemoAccounts } from './modules/auth/demo';
import { seedDemoStory } from './modules/auth/demo-story';
import { createAuthService } from './modules/auth/service';
import { DEFAULT_WEB_DIST_DIR, MIGRATIONS_DIR, readAppVersion } from './paths';
import { DataDirInUseError } from './platform/db/data-dir-lock';
import { openDatabase } from './platform/db/database';
import { MigrationError } from './platform/db/migrate';
import { prepareSchema } from './platform/db/startup';
import { gracefulShutdown } from './platform/http/shutdown';
import { JobScheduler } from './platform/jobs/scheduler';
import { createLogger } from './platform/logger';
import { createMailer } from './platform/mail/mailer';
import { createRealtimeHub } from './platform/realtime/create';

/** Failures an operator can fix get one line naming the cause, not a stack trace. */
function exitWithMessage(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof MigrationError) {
    process.stderr.write(`FinancialTracker cannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

function printDemoAccounts(accounts: DemoAccount[], dataDir: string) {
  const rows = accounts.map(
    (a) =>
      `  ${a.role.padEnd(7)} ${a.email.padEnd(34)} ${a.password}${a.totpSecret ? `  TOTP ${a.totpSecret}` : ''}`,
  );
  process.stdout.write(
    `\nDemo accounts created (shown once; also saved in ${dataDir}/demo-accounts.txt):\n${rows.join('\n')}\n` +
      'Admin and expert sign in with a second factor: add the TOTP secret to an authenticator app,\n' +
      `run \`npm run totp -- <secret>\` for the current code, or use a recovery code from the file.\n\n`,
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
  const log = createLogger({ level: config.logLevel, pretty: config.logPretty, logDir: config.logDir });

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

  let demoAccounts: Awaited<ReturnType<typeof seedDemoAccounts>> = null;
  if (database.kind === 'embedded' && config.seedDemoData) {
    const mailer = createMailer({ smtpUrl: undefined, from: config.mailFrom, log });
    const auth = createAuthService({ db: database.db, mailer, publicUrl: config.publicUrl });
    demoAccounts = await seedDemoAccounts(database.db, auth, config.dataDir);
    if (demoAccounts) printDemoAccounts(demoAccounts, config.dataDir);
  }

  const scheduler = new JobScheduler(database.db, log);
  // Real-time events reach sockets on every instance (buildApp closes the hub with the app).
  const hub = await createRealtimeHub({
    redisUrl: config.redis?.url,
    // Deployments sharing one Redis keep their events apart, as they do their keys.
    ...(config.redis ? { channel: `${config.redis.keyPrefix}realtime` } : {}),
    databaseUrl: config.database.kind === 'server' ? config.database.url : undefined,
    embedded: database.embedded,
    log,
  });
  const app = await buildApp({
    config: { ...config, webDistDir: config.webDistDir ?? DEFAULT_WEB_DIST_DIR },
    database,
    logger: log,
    scheduler,
    hub,
  });
  // The demo history goes through the API itself, so it needs the app; a failure leaves the
  // accounts usable and is only logged.
  if (demoAccounts)
    await seedDemoStory(app, demoAccounts).catch((error: unknown) =>
      log.warn({ err: error }, 'demo history not created'),
    );
  if (config.jobsEnabled) scheduler.start({ firstRunDelayMs: config.jobsFirstRunDelayMs });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    let exitCode = 0;
    try {
      const { timedOut } = await gracefulShutdown({
        app,
        timeoutMs: config.shutdownTimeoutMs,
        stopJobs: () => scheduler.stop(),
        closeDatabase: () => database.close(),
      });
      log.info({ timedOut }, 'stopped');
    } catch (error) {
      exitCode = 1;
      log.error({ err: error }, 'shutdown failed');
    }
    // File transports write from a worker thread: let them drain before the process ends.
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    process.exit(exitCode);
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
