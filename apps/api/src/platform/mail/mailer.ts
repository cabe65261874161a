import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';

export type MailMessage = { to: string; subject: string; text: string };

export interface Mailer {
  /**
   * Records the message in the outbox inside the caller's transaction (so a rolled-back change sends
   * nothing), then delivers it after commit through `deliverPending`.
   */
  // biome-ignore lint/suspicious/noExplicitAny: works inside any module's transaction.
  enqueue(db: Kysely<any>, message: MailMessage): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: see enqueue.
  deliverPending(db: Kysely<any>): Promise<number>;
}

type MailLog = {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
};

type OutboxRow = { id: number; to_email: string; subject: string; body_text: string };

/**
 * Without SMTP_URL the outbox is the delivery: messages stay readable by admins and are logged, so
 * verification and reset flows work in the embedded default.
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; log: MailLog }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  return {
    async enqueue(db, message) {
      await sql`insert into outbox (to_email, subject, body_text)
        values (${message.to}, ${message.subject}, ${message.text})`.execute(db);
      options.log.info({ mail: { to: message.to, subject: message.subject } }, 'mail stored in outbox');
    },
    async deliverPending(db) {
      if (!transport) return 0;
      const pending = await sql<OutboxRow>`
        select id, to_email, subject, body_text from outbox where status = 'stored' order by id limit 50`.execute(
        db,
      );
      for (const row of pending.rows) {
        try {
          await transport.sendMail({
            from: options.from,
            to: row.to_email,
            subject: row.subject,
            text: row.body_text,
          });
          await sql`update outbox set status = 'sent', sent_at = now() where id = ${row.id}`.execute(db);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await sql`update outbox set status = 'failed', error = ${message} where id = ${row.id}`.execute(db);
          options.log.error({ err: error, outboxId: row.id }, 'mail delivery failed');
        }
      }
      return pending.rows.length;
    },
  };
}
