import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../database';

/**
 * Hands issued Factur-X files to the platform's plateforme agréée (PA). Disabled by default
 * (PA_ADAPTER=none: the files and their life cycle stay available through GET /api/invoices);
 * with PA_ADAPTER=http each file is POSTed once to PA_ENDPOINT and the PA's reference kept.
 */
export function createPaTransmission(pa: Config['pa']) {
  if (pa.kind === 'none') return null;
  return async function transmitPending(db: Kysely<DB>, limit = 20): Promise<number> {
    const pending = await db
      .selectFrom('invoices')
      .select(['id', 'number', 'kind', 'facturx_pdf'])
      .where('transmitted_at', 'is', null)
      .where('facturx_pdf', 'is not', null)
      .orderBy('year')
      .orderBy('sequence')
      .limit(limit)
      .execute();
    let sent = 0;
    for (const invoice of pending) {
      if (!invoice.facturx_pdf) continue;
      const response = await fetch(pa.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/pdf',
          'x-invoice-number': invoice.number,
          'x-document-kind': invoice.kind,
          ...(pa.apiKey ? { authorization: `Bearer ${pa.apiKey}` } : {}),
        },
        body: Buffer.from(invoice.facturx_pdf),
        signal: AbortSignal.timeout(30_000),
      });
      // A refusal stops the batch: the next run retries from the same invoice, in order.
      if (!response.ok) throw new Error(`PA answered ${response.status} for ${invoice.number}`);
      const answer = (await response.json().catch(() => ({}))) as { reference?: unknown };
      await db
        .updateTable('invoices')
        .set({
          transmitted_at: new Date(),
          transmission_reference: typeof answer.reference === 'string' ? answer.reference : null,
        })
        .where('id', '=', invoice.id)
        .execute();
      sent += 1;
    }
    return sent;
  };
}
