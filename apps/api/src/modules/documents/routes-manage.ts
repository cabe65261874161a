import {
  attachDocumentSchema,
  dossierDocumentsSchema,
  myDocumentsQuerySchema,
  myDocumentsSchema,
  purgeDocumentSchema,
  uploadedDocumentSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { DocumentsService } from './service';

const tags = ['documents'];

/** Lists, reuse, and taking documents back (client hide, admin purge). */
export const documentsManageRoutes =
  ({ documents }: { documents: DocumentsService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/documents',
      {
        schema: {
          tags,
          summary: 'The caller’s documents across dossiers (filters: dossier, status, item code)',
          querystring: myDocumentsQuerySchema,
          response: { 200: myDocumentsSchema },
        },
      },
      (request) => documents.listMine(requireActor(request), request.query),
    );

    app.get(
      '/api/dossiers/:id/documents',
      {
        schema: {
          tags,
          summary: 'The documents of a dossier with every version and its review',
          params: z.object({ id: z.uuid() }),
          response: { 200: dossierDocumentsSchema },
        },
      },
      (request) => documents.listForDossier(requireActor(request), request.params.id, requestMeta(request)),
    );

    app.post(
      '/api/dossiers/:id/items/:itemId/attach',
      {
        schema: {
          tags,
          summary: 'Attach a company document already sent on another dossier (no new upload)',
          params: z.object({ id: z.uuid(), itemId: z.uuid() }),
          body: attachDocumentSchema,
          response: { 201: uploadedDocumentSchema },
        },
      },
      async (request, reply) => {
        const attached = await documents.attach(
          requireActor(request),
          { dossierId: request.params.id, itemId: request.params.itemId },
          request.body.documentId,
          requestMeta(request),
        );
        return reply.status(201).send(attached);
      },
    );

    app.post(
      '/api/documents/:id/versions/:version/hide',
      {
        schema: {
          tags,
          summary: 'The client takes back an unreviewed upload (hidden, never deleted)',
          params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await documents.hide(
          requireActor(request),
          request.params.id,
          request.params.version,
          requestMeta(request),
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/documents/:id/purge',
      {
        schema: {
          tags,
          summary: 'Admin: remove the bytes of a version (or all) for good, with a reason',
          params: z.object({ id: z.uuid() }),
          body: purgeDocumentSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await documents.purge(requireActor(request), request.params.id, request.body, requestMeta(request));
        return reply.status(204).send(null);
      },
    );
  };
