import fastifyMultipart from '@fastify/multipart';
import {
  documentMetadataSchema,
  rejectDocumentSchema,
  uploadedDocumentSchema,
  uploadLimitsSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import { AppError } from '../../platform/http/errors';
import type { DocumentsService } from './service';

const tags = ['documents'];
const idParams = z.object({ id: z.uuid() });
const previewQuery = z.object({ preview: z.enum(['true', 'false']).optional() });

/** Room for the multipart framing and the small `itemId` field around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const disposition = (fileName: string, inline = false) =>
  `${inline ? 'inline' : 'attachment'}; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const documentsRoutes =
  ({ documents, maxBytes }: { documents: DocumentsService; maxBytes: number }): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });

    app.get(
      '/api/documents/limits',
      {
        schema: {
          tags,
          summary: 'The largest file an upload accepts',
          response: { 200: uploadLimitsSchema },
        },
      },
      () => ({ maxUploadBytes: maxBytes }),
    );

    /**
     * A body announced larger than any file we accept is refused before a byte of it is read,
     * and the connection closed so the browser stops sending; the streaming limit still catches
     * a body that lies about its length or has none.
     */
    const refuseOversize = async (request: { headers: Record<string, string | string[] | undefined> }) => {
      const announced = Number(request.headers['content-length']);
      if (Number.isFinite(announced) && announced > maxBytes + MULTIPART_OVERHEAD_BYTES) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          413,
          `Ce fichier dépasse la taille maximale de ${Math.round(maxBytes / 1_000_000)} Mo.`,
          { headers: { connection: 'close' } },
        );
      }
    };

    app.post(
      '/api/dossiers/:id/documents',
      {
        onRequest: refuseOversize,
        schema: {
          tags,
          summary: 'Upload a file (multipart `file`, optional `itemId` field before it or in the query)',
          params: idParams,
          querystring: z.object({ itemId: z.uuid().optional() }),
          response: { 201: uploadedDocumentSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!request.isMultipart())
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            415,
            'Envoyez le fichier en multipart/form-data (champ « file »).',
          );
        const part = await request.file().catch((error: unknown) => {
          // Busboy reports a body it cannot parse (no boundary, broken framing) with a bare Error;
          // the caller sent it, so it is a 400, not a server fault (found by the fuzz test).
          if (error instanceof Error && error.message.startsWith('Multipart:'))
            throw new AppError('MALFORMED_BODY', 400, "Le corps multipart/form-data n'est pas lisible.", {
              errors: [{ field: 'file', message: error.message }],
            });
          throw error;
        });
        if (part?.fieldname !== 'file')
          throw new AppError('VALIDATION_FAILED', 400, 'Le fichier est manquant (champ « file »).', {
            errors: [{ field: 'file', message: 'Fichier requis.' }],
          });
        const field = part.fields.itemId;
        const fromField =
          field && !Array.isArray(field) && 'value' in field ? String(field.value) : undefined;
        const itemId = request.query.itemId ?? fromField;
        if (itemId !== undefined && !z.uuid().safeParse(itemId).success) {
          throw new AppError('VALIDATION_FAILED', 400, 'Pièce inconnue.', {
            errors: [{ field: 'itemId', message: 'Identifiant invalide.' }],
          });
        }
        const saved = await documents.upload(
          actor,
          request.params.id,
          { stream: part.file, fileName: part.filename, itemId },
          requestMeta(request),
        );
        return reply.status(201).send(saved);
      },
    );

    app.get(
      '/api/documents/:id',
      {
        schema: {
          tags,
          summary: 'A document and its versions',
          params: idParams,
          response: { 200: documentMetadataSchema },
        },
      },
      (request) => documents.metadata(requireActor(request), request.params.id, requestMeta(request)),
    );

    // Only what browsers render safely is shown inline (preview); everything else downloads.
    const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/webp']);
    const sendVersion = async (
      request: Parameters<typeof requireActor>[0],
      reply: import('fastify').FastifyReply,
      id: string,
      version: number | undefined,
      preview: boolean,
    ) => {
      const file = await documents.open(requireActor(request), id, version, requestMeta(request));
      return (
        reply
          .type(file.mimeType)
          .header('content-length', String(file.sizeBytes))
          .header(
            'content-disposition',
            disposition(file.fileName, preview && PREVIEWABLE.has(file.mimeType)),
          )
          .header('cache-control', 'private, no-store')
          // Lets a client verify the bytes it received against the checksum stored at upload.
          .header('x-content-sha256', file.sha256)
          .send(file.stream)
      );
    };

    app.get(
      '/api/documents/:id/content',
      {
        schema: {
          tags,
          summary: 'The latest version’s bytes (`?preview=true` to view PDF and images inline)',
          params: idParams,
          querystring: previewQuery,
        },
      },
      (request, reply) =>
        sendVersion(request, reply, request.params.id, undefined, request.query.preview === 'true'),
    );
    app.get(
      '/api/documents/:id/versions/:version/content',
      {
        schema: {
          tags,
          summary: 'One version’s bytes',
          params: idParams.extend({ version: z.coerce.number().int().min(1) }),
          querystring: previewQuery,
        },
      },
      (request, reply) =>
        sendVersion(
          request,
          reply,
          request.params.id,
          request.params.version,
          request.query.preview === 'true',
        ),
    );

    app.post(
      '/api/documents/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve the document of an item',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await documents.review(
          requireActor(request),
          request.params.id,
          'approved',
          null,
          requestMeta(request),
        );
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/documents/:id/reject',
      {
        schema: {
          tags,
          summary: 'Reject the document of an item, with a reason',
          params: idParams,
          body: rejectDocumentSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await documents.review(
          requireActor(request),
          request.params.id,
          'rejected',
          request.body.reason,
          requestMeta(request),
        );
        return reply.status(204).send(null);
      },
    );
  };
