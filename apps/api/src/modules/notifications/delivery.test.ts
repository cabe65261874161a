import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverNotificationEmails, signupClient } from '../../../test/factories';
import { named, namedTitle, notifyAs } from '../../../test/notify-as';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { NOTIFICATION_EMAILS_JOB } from '../../app';
import type { DB } from '../../database';
import { JobScheduler } from '../../platform/jobs/scheduler';
import { createMailer } from '../../platform/mail/mailer';
import { createNotificationDelivery } from './delivery';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const mailsTo = (email: string) =>
  t.database.db.selectFrom('outbox').selectAll().where('to_email', '=', email).orderBy('id').execute();

const emailRows = (userId: string) =>
  t.database.db.selectFrom('notification_emails').selectAll().where('user_id', '=', userId).execute();

/** Time passes: the user's pending e-mails (new-message delay or retry back-off) fall due. */
const makeDue = (userId: string) =>
  sql`update notification_emails set due_at = now() - interval '1 second'
      where user_id = ${userId} and status = 'pending'`.execute(t.database.db);

async function recipientAndSender() {
  return { recipient: await signupClient(t.app), sender: await signupClient(t.app) };
}

const message = (userId: string, n: number) => ({
  userId,
  type: 'message.new' as const,
  template: 'message.new.dossier',
  params: { count: 1, product: `Julie ${n}`, productCode: null },
  link: '/messages',
});

describe('notification e-mails', () => {
  it('e-mails a dossier notification at the next run, once', async () => {
    const { recipient, sender } = await recipientAndSender();
    await notifyAs(t.database.db, sender.id, {
      userId: recipient.id,
      type: 'document.requested',
      template: 'dossier.request-documents.client',
      params: { product: 'Remboursement partiel de TICPE', productCode: 'TICPE' },
      link: '/dossiers/abc',
    });
    expect(await mailsTo(recipient.email)).toHaveLength(1); // the address verification only
    await deliverNotificationEmails(t);
    await deliverNotificationEmails(t);
    const mails = (await mailsTo(recipient.email)).filter(
      (m) => m.subject === 'Votre dossier « Remboursement partiel de TICPE »',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body_text).toContain('Votre expert vous demande des pièces complémentaires');
    expect(mails[0]?.body_text).toContain('http://localhost:5001/dossiers/abc');
    expect(await emailRows(recipient.id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('sends no e-mail for a type whose e-mail channel is off, and still shows it in the app', async () => {
    const { recipient, sender } = await recipientAndSender();
    const off = await t.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers: recipient.headers,
      payload: { items: [{ type: 'document.requested', inApp: true, email: false }] },
    });
    expect(off.statusCode).toBe(200);
    await notifyAs(t.database.db, sender.id, [
      named(recipient.id, 'document.requested', 'Sans e-mail'),
      named(recipient.id, 'document.rejected', 'Avec e-mail'),
    ]);
    await deliverNotificationEmails(t);
    const subjects = (await mailsTo(recipient.email)).map((m) => m.subject);
    expect(subjects).toContain(namedTitle('Avec e-mail'));
    expect(subjects).not.toContain(namedTitle('Sans e-mail'));
    const inbox = (await t.app.inject({ url: '/api/notifications', headers: recipient.headers })).json();
    expect(inbox.items.map((n: { title: string }) => n.title)).toContain(namedTitle('Sans e-mail'));
  });

  it('waits before e-mailing new messages, then sends one e-mail for the whole burst', async () => {
    const { recipient, sender } = await recipientAndSender();
    await notifyAs(t.database.db, sender.id, message(recipient.id, 1));
    await notifyAs(t.database.db, sender.id, message(recipient.id, 2));
    await notifyAs(t.database.db, sender.id, message(recipient.id, 3));
    await deliverNotificationEmails(t);
    expect(await mailsTo(recipient.email)).toHaveLength(1); // not yet: within the window
    // The first message falls due; the two later ones of the burst go with it.
    await sql`update notification_emails set due_at = now() - interval '1 second'
      where id = (select id from notification_emails where user_id = ${recipient.id} order by created_at limit 1)`.execute(
      t.database.db,
    );
    await deliverNotificationEmails(t);
    await makeDue(recipient.id);
    await deliverNotificationEmails(t);
    const mails = (await mailsTo(recipient.email)).slice(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Vous avez 3 nouveaux messages');
    for (const n of [1, 2, 3]) expect(mails[0]?.body_text).toContain(`le dossier Julie ${n}.`);
    expect((await emailRows(recipient.id)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('sends nothing for messages read in the app before the e-mail was due', async () => {
    const { recipient, sender } = await recipientAndSender();
    await notifyAs(t.database.db, sender.id, [message(recipient.id, 1), message(recipient.id, 2)]);
    const read = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: recipient.headers,
    });
    expect(read.json()).toEqual({ updated: 2 });
    await makeDue(recipient.id);
    await deliverNotificationEmails(t);
    expect(await mailsTo(recipient.email)).toHaveLength(1);
    expect((await emailRows(recipient.id)).map((row) => row.status)).toEqual(['skipped', 'skipped']);
  });

  it('writes each e-mail once when two instances run the job at the same time', async () => {
    const recipients = [];
    const sender = await signupClient(t.app);
    for (let i = 0; i < 4; i++) {
      const recipient = await signupClient(t.app);
      recipients.push(recipient);
      await notifyAs(t.database.db, sender.id, [
        named(recipient.id, 'dossier.transition', 'Transition A'),
        named(recipient.id, 'document.rejected', 'Refus B'),
        message(recipient.id, 1),
        message(recipient.id, 2),
      ]);
      await makeDue(recipient.id);
    }
    // A second instance: its own scheduler (own instance id) and delivery over the same database.
    const log = pino({ level: 'silent' });
    const other = new JobScheduler<DB>(t.database.db, log);
    const delivery = createNotificationDelivery({
      mailer: createMailer({ smtpUrl: undefined, from: 'test', log }),
      publicUrl: 'http://localhost:5001',
    });
    other.register({
      name: NOTIFICATION_EMAILS_JOB,
      intervalMs: 20_000,
      run: ({ db }) => delivery.deliverDue(db).then(() => undefined),
    });
    expect(other.instanceId).not.toBe(t.scheduler.instanceId);
    const outcomes = await Promise.all([
      t.scheduler.runNow(NOTIFICATION_EMAILS_JOB, { force: true }),
      other.runNow(NOTIFICATION_EMAILS_JOB, { force: true }),
      // Without the job lock too: the row claims alone keep deliveries apart.
      delivery.deliverDue(t.database.db),
      delivery.deliverDue(t.database.db),
    ]);
    expect(outcomes.slice(0, 2)).not.toContain('failed');
    await deliverNotificationEmails(t);
    for (const recipient of recipients) {
      const subjects = (await mailsTo(recipient.email))
        .slice(1)
        .map((m) => m.subject)
        .sort();
      expect(subjects).toEqual([
        namedTitle('Refus B'),
        namedTitle('Transition A'),
        'Vous avez 2 nouveaux messages',
      ]);
    }
  });

  it('retries after a failed attempt, later, and sends once it works', async () => {
    const { recipient, sender } = await recipientAndSender();
    await notifyAs(t.database.db, sender.id, named(recipient.id, 'dossier.transition', 'Réessayé'));
    // The outbox refuses this mail, as a full disk or a broken constraint would.
    await sql`alter table outbox add constraint outbox_refuses_test check (subject <> ${sql.lit(namedTitle('Réessayé'))})`.execute(
      t.database.db,
    );
    try {
      await deliverNotificationEmails(t);
    } finally {
      await sql`alter table outbox drop constraint outbox_refuses_test`.execute(t.database.db);
    }
    const [failed] = await emailRows(recipient.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed?.last_error).toContain('outbox_refuses_test');
    expect(failed?.due_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await deliverNotificationEmails(t);
    expect((await mailsTo(recipient.email)).map((m) => m.subject)).not.toContain(namedTitle('Réessayé'));
    await makeDue(recipient.id);
    await deliverNotificationEmails(t);
    await deliverNotificationEmails(t);
    expect((await mailsTo(recipient.email)).filter((m) => m.subject === namedTitle('Réessayé'))).toHaveLength(
      1,
    );
    expect(await emailRows(recipient.id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('gives up after the last attempt and keeps the row for inspection', async () => {
    const { recipient, sender } = await recipientAndSender();
    await notifyAs(t.database.db, sender.id, named(recipient.id, 'dossier.transition', 'Perdu'));
    await sql`update notification_emails set attempts = 4 where user_id = ${recipient.id}`.execute(
      t.database.db,
    );
    await sql`alter table outbox add constraint outbox_refuses_test check (subject <> ${sql.lit(namedTitle('Perdu'))})`.execute(
      t.database.db,
    );
    try {
      await deliverNotificationEmails(t);
    } finally {
      await sql`alter table outbox drop constraint outbox_refuses_test`.execute(t.database.db);
    }
    expect(await emailRows(recipient.id)).toMatchObject([{ status: 'failed', attempts: 5 }]);
  });

  it('writes each e-mail in the recipient’s language, the product named in it', async () => {
    const { recipient, sender } = await recipientAndSender();
    const chosen = await t.app.inject({
      method: 'PUT',
      url: '/api/me/language',
      headers: recipient.headers,
      payload: { language: 'en' },
    });
    expect(chosen.json()).toEqual({ language: 'en' });
    const me = (await t.app.inject({ url: '/api/auth/me', headers: recipient.headers })).json();
    expect(me.user.language).toBe('en');
    await notifyAs(t.database.db, sender.id, [
      {
        userId: recipient.id,
        type: 'document.requested',
        template: 'dossier.request-documents.client',
        params: { product: 'Remboursement partiel de TICPE', productCode: 'TICPE' },
        link: '/dossiers/abc',
      },
      message(recipient.id, 1),
    ]);
    await makeDue(recipient.id);
    await deliverNotificationEmails(t);
    const [dossierMail, digest] = (await mailsTo(recipient.email)).slice(1);
    expect(dossierMail?.subject).toBe('Your case “Partial TICPE (fuel tax) refund”');
    expect(dossierMail?.body_text).toContain('Your expert asks you for more documents');
    expect(dossierMail?.body_text).toContain('See: http://localhost:5001/dossiers/abc');
    expect(digest?.subject).toBe('You have a new message');
    expect(digest?.body_text).toContain('You have an unread message on the case Julie 1.');
    for (const mail of [dossierMail, digest]) {
      expect(mail?.body_text).toMatch(/^Hello,/);
      expect(mail?.body_text).not.toMatch(/Bonjour|Voir|équipe|votre|le dossier/i);
    }
    // The app keeps the French rendering and hands the template over for the reader's language.
    const inbox = (await t.app.inject({ url: '/api/notifications', headers: recipient.headers })).json();
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        title: 'Votre dossier « Remboursement partiel de TICPE »',
        template: 'dossier.request-documents.client',
        params: { product: 'Remboursement partiel de TICPE', productCode: 'TICPE' },
      }),
    );
  });
});
