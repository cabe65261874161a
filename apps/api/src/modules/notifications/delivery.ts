import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../database';
import type { Mailer } from '../../platform/mail/mailer';
import { mailLanguage } from '../../platform/mail/texts';
import { notificationMails } from './mails';
import type { NotificationEmailsTable } from './tables';

type Pending = Selectable<NotificationEmailsTable>;

/** After this many failed attempts an e-mail is given up (status `failed`, kept for inspection). */
export const MAX_EMAIL_ATTEMPTS = 5;

export type DeliveryReport = { sent: number; skipped: number; failed: number };

/**
 * Turns due notification e-mails into outbox mails, in each recipient's language. Each recipient is handled in its own
 * transaction that claims its rows with FOR UPDATE SKIP LOCKED, writes the outbox mail and marks
 * the rows sent: two instances running at once never claim the same row, and a crash before commit
 * leaves the rows pending for the next run, so each e-mail is written to the outbox exactly once.
 */
export function createNotificationDelivery(deps: { mailer: Mailer; publicUrl: string }) {
  async function deliverToUser(trx: Kysely<DB>, userId: string, claimed: string[]): Promise<DeliveryReport> {
    const due = await trx
      .selectFrom('notification_emails')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .where('due_at', '<=', sql<Date>`now()`)
      .orderBy('created_at')
      .forUpdate()
      .skipLocked()
      .execute();
    let rows: Pending[] = due;
    if (due.some((row) => row.type === 'message.new')) {
      // The first message of a burst falling due takes the rest of the burst along: one e-mail.
      const rest = await trx
        .selectFrom('notification_emails')
        .selectAll()
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .where('type', '=', 'message.new')
        .where('due_at', '>', sql<Date>`now()`)
        .orderBy('created_at')
        .forUpdate()
        .skipLocked()
        .execute();
      rows = [...due, ...rest];
    }
    if (rows.length === 0) return { sent: 0, skipped: 0, failed: 0 };
    claimed.push(...rows.map((row) => row.id));

    const recipient = await trx
      .selectFrom('users')
      .select(['email', 'status', 'locale'])
      .where('id', '=', userId)
      .executeTakeFirst();
    const messages = rows.filter((row) => row.type === 'message.new');
    const readIds = await readNotificationIds(trx, messages);
    const toSkip =
      recipient?.status !== 'active'
        ? rows
        : messages.filter((row) => row.notification_id && readIds.has(row.notification_id));
    const skipIds = new Set(toSkip.map((row) => row.id));
    const toSend = rows.filter((row) => !skipIds.has(row.id));

    if (recipient && toSend.length > 0) {
      const language = mailLanguage(recipient.locale);
      for (const row of toSend.filter((item) => item.type !== 'message.new')) {
        await deps.mailer.enqueue(
          trx,
          notificationMails.single(recipient.email, language, deps.publicUrl, row),
        );
      }
      const unreadMessages = toSend.filter((item) => item.type === 'message.new');
      if (unreadMessages.length > 0) {
        await deps.mailer.enqueue(
          trx,
          notificationMails.messages(recipient.email, language, deps.publicUrl, unreadMessages),
        );
      }
    }
    await mark(trx, toSend, 'sent');
    await mark(trx, toSkip, 'skipped');
    return { sent: toSend.length, skipped: toSkip.length, failed: 0 };
  }

  return {
    async deliverDue(db: Kysely<DB>): Promise<DeliveryReport> {
      const report: DeliveryReport = { sent: 0, skipped: 0, failed: 0 };
      const recipients = await db
        .selectFrom('notification_emails')
        .select('user_id')
        .distinct()
        .where('status', '=', 'pending')
        .where('due_at', '<=', sql<Date>`now()`)
        .limit(500)
        .execute();
      for (const { user_id: userId } of recipients) {
        const claimed: string[] = [];
        try {
          const done = await db.transaction().execute((trx) => deliverToUser(trx, userId, claimed));
          report.sent += done.sent;
          report.skipped += done.skipped;
        } catch (error) {
          // The transaction rolled back: the rows are pending again; push them back and count the try.
          report.failed += await recordFailure(db, claimed, error);
        }
      }
      return report;
    },
  };
}

async function readNotificationIds(trx: Kysely<DB>, rows: Pending[]): Promise<Set<string>> {
  const ids = rows.flatMap((row) => (row.notification_id ? [row.notification_id] : []));
  if (ids.length === 0) return new Set();
  const read = await trx
    .selectFrom('notifications')
    .select('id')
    .where('id', 'in', ids)
    .where('read_at', 'is not', null)
    .execute();
  return new Set(read.map((row) => row.id));
}

async function mark(trx: Kysely<DB>, rows: Pending[], status: 'sent' | 'skipped') {
  if (rows.length === 0) return;
  await trx
    .updateTable('notification_emails')
    .set({
      status,
      sent_at: status === 'sent' ? sql<Date>`now()` : null,
      attempts: sql<number>`attempts + 1`,
    })
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
}

async function recordFailure(db: Kysely<DB>, ids: string[], error: unknown): Promise<number> {
  if (ids.length === 0) throw error;
  const message = error instanceof Error ? error.message : String(error);
  const rows = await db
    .updateTable('notification_emails')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: message.slice(0, 1000),
      status: sql<
        'pending' | 'failed'
      >`case when attempts + 1 >= ${MAX_EMAIL_ATTEMPTS} then 'failed' else 'pending' end`,
      // 1, 2, 4, 8 minutes between attempts.
      due_at: sql<Date>`now() + make_interval(secs => 60 * power(2, attempts))`,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.length;
}
