import {
  engagementDocumentSchema,
  engagementListSchema,
  engagementTemplateListSchema,
  newTemplateVersionSchema,
  revokeMandateSchema,
  sealVerificationSchema,
  signEngagementSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { EngagementsService } from './service';

const params = z.object({ id: z.uuid() });
const tags = ['engagements'];

export const engagementsRoutes =
  ({ engagements }: { engagements: EngagementsService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dossiers/:id/engagements',
      {
        schema: {
          tags,
          summary: 'Engagement letter and mandate of the dossier’s expert',
          params,
          response: { 200: engagementListSchema },
        },
      },
      (request) => engagements.list(requireActor(request), request.params.id),
    );
    app.get(
      '/api/engagements/:id/document.pdf',
      { schema: { tags, summary: 'The document to read, or the signed and sealed PDF once signed', params } },
      async (request, reply) => {
        const { pdf, name } = await engagements.pdf(requireActor(request), request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}"`)
          .send(pdf);
      },
    );
    app.get(
      '/api/engagements/:id/verification',
      {
        schema: {
          tags,
          summary: 'Checks the seal of the signed PDF (a changed byte is detected)',
          params,
          response: { 200: sealVerificationSchema },
        },
      },
      (request) => engagements.verify(requireActor(request), request.params.id),
    );
    app.post(
      '/api/engagements/:id/sign',
      {
        schema: {
          tags,
          summary: 'Client’s legal representative: sign the exact document read',
          params,
          body: signEngagementSchema,
          response: { 200: engagementDocumentSchema },
        },
      },
      (request) =>
        engagements.sign(
          requireActor(request, { roles: ['client'] }),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );
    app.post(
      '/api/engagements/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke a signed mandate (client or admin), recorded',
          params,
          body: revokeMandateSchema,
          response: { 200: engagementDocumentSchema },
        },
      },
      (request) =>
        engagements.revoke(
          requireActor(request, { roles: ['client', 'admin'] }),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );
    app.get(
      '/api/admin/engagement-templates',
      {
        schema: {
          tags,
          summary: 'Admin: every version of the letter and mandate templates',
          response: { 200: engagementTemplateListSchema },
        },
      },
      (request) => engagements.templates(requireActor(request, { roles: ['admin'] })),
    );
    app.post(
      '/api/admin/engagement-templates',
      {
        schema: {
          tags,
          summary: 'Admin: publish a new template version',
          body: newTemplateVersionSchema,
          response: { 200: engagementTemplateListSchema },
        },
      },
      (request) =>
        engagements.publishTemplate(
          requireActor(request, { roles: ['admin'] }),
          request.body,
          requestMeta(request),
        ),
    );
  };
