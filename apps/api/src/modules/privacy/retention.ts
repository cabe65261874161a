import { FINAL_STATUSES } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { FileStorage } from '../../platform/storage/storage';

const DAY = 86_400_000;

/**
 * The retention periods of docs/decisions.md, enforced. Each entry names what it removes, so the
 * job's report and the privacy notice say the same thing.
 */
export const RETENTION = {
  sessionsDays: 90,
  loginAttemptsDays: 30,
  auditEventsDays: 365,
  outboxDays: 365,
  notificationsDays: 365,
  closedDossierDocumentsDays: 5 * 365,
} as const;

export async function enforceRetention(db: Kysely<DB>, storage: FileStorage, now = new Date()) {
  const before = (days: number) => new Date(now.getTime() - days * DAY);
  const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  const report: Record<string, number> = {};
  report.sessions = count(
    await db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('revoked_at', '<', before(RETENTION.sessionsDays)),
          eb('expires_at', '<', before(RETENTION.sessionsDays)),
        ]),
      )
      .executeTakeFirst(),
  );
  report.loginAttempts = count(
    await db
      .deleteFrom('login_attempts')
      .where('created_at', '<', before(RETENTION.loginAttemptsDays))
      .executeTakeFirst(),
  );
  report.auditEvents = count(
    await db
      .deleteFrom('audit_events')
      .where('created_at', '<', before(RETENTION.auditEventsDays))
      .executeTakeFirst(),
  );
  report.outbox = count(
    await db.deleteFrom('outbox').where('created_at', '<', before(RETENTION.outboxDays)).executeTakeFirst(),
  );
  report.notifications = count(
    await db
      .deleteFrom('notifications')
      .where('created_at', '<', before(RETENTION.notificationsDays))
      .executeTakeFirst(),
  );
  report.trustedDevices = count(
    await db.deleteFrom('trusted_devices').where('expires_at', '<', now).executeTakeFirst(),
  );
  report.emailTokens = count(
    await db.deleteFrom('email_tokens').where('expires_at', '<', before(1)).executeTakeFirst(),
  );

  // Documents of dossiers closed for five years: bytes removed, a dated tombstone kept.
  const old = await db
    .selectFrom('document_versions as v')
    .innerJoin('documents as d', 'd.id', 'v.document_id')
    .innerJoin('dossiers as o', 'o.id', 'd.dossier_id')
    .select(['v.document_id', 'v.version', 'v.storage_key'])
    .where('o.status', 'in', FINAL_STATUSES)
    .where('o.status_changed_at', '<', before(RETENTION.closedDossierDocumentsDays))
    .where('v.purged_at', 'is', null)
    .execute();
  for (const file of old) {
    await db
      .updateTable('document_versions')
      .set({ purged_at: now, purge_reason: 'Durée de conservation écoulée' })
      .where('document_id', '=', file.document_id)
      .where('version', '=', file.version)
      .execute();
    await storage.remove(file.storage_key).catch(() => undefined);
  }
  report.closedDossierDocuments = old.length;
  return report;
}
