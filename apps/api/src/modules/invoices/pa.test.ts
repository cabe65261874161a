import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, clientWithDossiers, completeBilling, createAdmin } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

// A stand-in PA on the loopback interface: records what it receives and answers a reference.
const received: { number: string | undefined; auth: string | undefined; bytes: number; head: string }[] = [];
const pa = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    received.push({
      number: request.headers['x-invoice-number'] as string | undefined,
      auth: request.headers.authorization,
      bytes: body.length,
      head: body.subarray(0, 5).toString(),
    });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ reference: `PA-${received.length}` }));
  });
});

let t: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => pa.listen(0, '127.0.0.1', resolve));
  const { port } = pa.address() as AddressInfo;
  t = await createTestApp({
    PA_ADAPTER: 'http',
    PA_ENDPOINT: `http://127.0.0.1:${port}/invoices`,
    PA_API_KEY: 'secret',
  });
});
afterAll(async () => {
  await t.close();
  pa.close();
});

describe('transmission to a plateforme agréée', () => {
  it('sends each issued Factur-X file once, in number order, and keeps the PA reference', {
    timeout: 120_000,
  }, async () => {
    const admin = await createAdmin(t);
    const { client, byProduct } = await clientWithDossiers(t.app);
    await completeBilling(t.app, client);
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    const id = byProduct.TICPE ?? '';
    await sql`update dossiers set status = 'claim_accepted', expert_id = ${expert.id}, granted_amount_cents = 100000,
      client_fee_rate_bps = 3000, platform_fee_rate_bps = 3000 where id = ${id}`.execute(t.database.db);
    await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at) values (${id}, ${expert.id}, 'accepted', now())`.execute(
      t.database.db,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/confirm-refund`,
      headers: expert.headers,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const number = res.json().invoice.number as string;

    expect(await t.scheduler.runNow('transmit-invoices-to-pa', { force: true })).toBe('succeeded');
    expect(received).toEqual([{ number, auth: 'Bearer secret', bytes: expect.any(Number), head: '%PDF-' }]);
    const listed = (
      await t.app.inject({ url: `/api/invoices?dossierId=${id}`, headers: admin.headers })
    ).json();
    expect(listed.invoices[0].transmittedAt).not.toBeNull();
    const row = await t.database.db
      .selectFrom('invoices')
      .select('transmission_reference')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row.transmission_reference).toBe('PA-1');

    expect(await t.scheduler.runNow('transmit-invoices-to-pa', { force: true })).toBe('succeeded');
    expect(received).toHaveLength(1);
  });

  it('is off by default: no job is registered without PA_ADAPTER', async () => {
    const plain = await createTestApp();
    try {
      await expect(plain.scheduler.runNow('transmit-invoices-to-pa', { force: true })).rejects.toThrow();
    } finally {
      await plain.close();
    }
  });
});
