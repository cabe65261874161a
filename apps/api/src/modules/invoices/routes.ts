import {
  creditNoteInputSchema,
  invoiceListQuerySchema,
  invoiceListSchema,
  invoiceStatusInputSchema,
  invoiceSummarySchema,
} from '@ft/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { InvoicesService } from './service';

const params = z.object({ id: z.uuid() });
const tags = ['invoices'];

function send(
  reply: FastifyReply,
  file: { number: string; pdf: Buffer; xml: string; format: 'pdf' | 'xml' },
) {
  if (file.format === 'xml') {
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.number}-factur-x.xml"`)
      .send(file.xml);
  }
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${file.number}.pdf"`)
    .send(file.pdf);
}

export const invoicesRoutes =
  ({ invoices }: { invoices: InvoicesService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/invoices',
      {
        schema: {
          tags,
          summary: 'Invoices and credit notes by issue period (Paris dates), with their life cycle',
          querystring: invoiceListQuerySchema,
          response: { 200: invoiceListSchema },
        },
      },
      (request) => invoices.list(requireActor(request), request.query),
    );
    app.get(
      '/api/invoices/:id',
      {
        schema: {
          tags,
          summary: 'One invoice or credit note',
          params,
          response: { 200: invoiceSummarySchema },
        },
      },
      (request) => invoices.get(requireActor(request), request.params.id),
    );
    app.get(
      '/api/invoices/:id/facturx.pdf',
      { schema: { tags, summary: 'The Factur-X PDF/A-3 exactly as issued', params } },
      async (request, reply) =>
        send(reply, await invoices.file(requireActor(request), { id: request.params.id }, 'pdf')),
    );
    app.get(
      '/api/invoices/:id/factur-x.xml',
      { schema: { tags, summary: 'The EN 16931 CII XML embedded in the Factur-X file', params } },
      async (request, reply) =>
        send(reply, await invoices.file(requireActor(request), { id: request.params.id }, 'xml')),
    );
    // Kept from the dossier page: the dossier's invoice, now its Factur-X file.
    app.get(
      '/api/dossiers/:id/invoice.pdf',
      { schema: { tags: ['dossiers'], summary: 'The dossier’s invoice (Factur-X PDF/A-3)', params } },
      async (request, reply) =>
        send(reply, await invoices.file(requireActor(request), { dossierId: request.params.id }, 'pdf')),
    );
    app.post(
      '/api/invoices/:id/status',
      {
        schema: {
          tags,
          summary: 'Record a life-cycle step: received, refused (client or admin), paid (admin)',
          params,
          body: invoiceStatusInputSchema,
          response: { 200: invoiceSummarySchema },
        },
      },
      (request) =>
        invoices.setStatus(requireActor(request), request.params.id, request.body, requestMeta(request)),
    );
    app.post(
      '/api/invoices/:id/credit-note',
      {
        schema: {
          tags,
          summary: 'Admin: issue a credit note (avoir) correcting the invoice, same number sequence',
          params,
          body: creditNoteInputSchema,
          response: { 200: invoiceSummarySchema },
        },
      },
      (request) =>
        invoices.creditNote(
          requireActor(request, { roles: ['admin'] }),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );
  };
