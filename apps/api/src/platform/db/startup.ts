import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { applyMigrations, MigrationError, migrationStatus } from './migrate';

/**
 * The embedded database is the server's own, so it is always brought up to date. A shared server
 * may serve several instances and a deliberate release process: it is migrated only when asked.
 */
export async function prepareSchema(
  // biome-ignore lint/suspicious/noExplicitAny: works on any schema.
  db: Kysely<any>,
  options: { kind: 'embedded' | 'server'; migrateOnStart: boolean; migrationsDir: string; log: Logger },
): Promise<void> {
  if (options.kind === 'embedded' || options.migrateOnStart) {
    const applied = await applyMigrations(db, options.migrationsDir, (name) =>
      options.log.info({ migration: name }, 'migration applied'),
    );
    if (applied.length === 0) options.log.debug('database schema is up to date');
    return;
  }
  const status = await migrationStatus(db, options.migrationsDir);
  if (status.pending.length > 0) {
    const names = status.pending.map((migration) => migration.name).join(', ');
    throw new MigrationError(
      `The database schema is behind this build (${status.pending.length} pending: ${names}). ` +
        'Run `npm run migrate`, or start with MIGRATE_ON_START=true.',
    );
  }
}
