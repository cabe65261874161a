import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let server: SMTPServer;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  t = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'FinancialTracker <no-reply@test.fr>',
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mail over SMTP', () => {
  it('delivers the outbox through the SMTP server and marks each message sent', async () => {
    const client = await signupClient(t.app);
    expect(await t.scheduler.runNow('deliver-mail', { force: true })).toBe('succeeded');
    const mail = received.find((message) => message.to === client.email);
    expect(mail?.raw).toContain('Subject: Confirmez votre adresse e-mail');
    expect(mail?.raw).toContain('/verifier-email?token=');
    const row = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_email', '=', client.email)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBeInstanceOf(Date);
  });
});
