import type { Readable } from 'node:stream';
import {
  accountDeletionSchema,
  consentFieldsSchema,
  exportRequestedSchema,
  passwordConfirmSchema,
  privacyStateSchema,
} from '@ft/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../database';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import { withScope } from '../../platform/db/scoped';
import { validationFailed } from '../../platform/http/errors';
import { pendingConsents, recordConsents } from './consents';
import type { AccountDeletion } from './erasure';
import type { DataExports } from './exports';
import { auditCsv, registerCsv } from './register';

type Deps = { db: Kysely<DB>; exports: DataExports; deletion: AccountDeletion };

const tags = ['privacy'];
const CSV = 'text/csv; charset=utf-8';

export const privacyRoutes =
  ({ db, exports, deletion }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/me/consents',
      {
        schema: {
          tags,
          summary: 'Accept the legal texts in force (asked again when their version changes)',
          body: consentFieldsSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await db
          .transaction()
          .execute(async (trx) =>
            recordConsents(trx, actor.userId, requestMeta(request), await pendingConsents(trx, actor.userId)),
          );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/me/privacy',
      {
        schema: {
          tags,
          summary: 'My data exports and any pending deletion of my account',
          response: { 200: privacyStateSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request, { allowInactive: true });
        return { exports: await exports.list(actor), deletion: await deletion.status(actor) };
      },
    );

    app.post(
      '/api/me/exports',
      {
        schema: {
          tags,
          summary:
            '"Télécharger mes données": prepare an archive (a job; the link is e-mailed and shown in the account)',
          response: { 202: exportRequestedSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        const row = await exports.request(actor, requestMeta(request));
        return reply.status(202).send({ id: row.id });
      },
    );

    const sendArchive = (reply: FastifyReply, stream: Readable) =>
      reply
        .type('application/zip')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'attachment; filename="financialtracker-mes-donnees.zip"')
        .send(stream);

    app.get(
      '/api/me/exports/download/:token',
      {
        schema: {
          tags,
          summary: 'Download my archive by the e-mailed link (its owner only, until the link expires)',
          params: z.object({ token: z.string().min(20).max(100) }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        return sendArchive(
          reply,
          await exports.open(actor, { token: request.params.token }, requestMeta(request)),
        );
      },
    );

    app.get(
      '/api/me/exports/:id/archive',
      {
        schema: {
          tags,
          summary: 'Download my archive from the account page (its owner only, until it expires)',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        return sendArchive(reply, await exports.open(actor, { id: request.params.id }, requestMeta(request)));
      },
    );

    app.post(
      '/api/me/deletion',
      {
        schema: {
          tags,
          summary: 'Delete my account: erased after a 30-day grace period (password required)',
          body: passwordConfirmSchema,
          response: { 202: accountDeletionSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        return reply
          .status(202)
          .send(await deletion.request(actor, request.body.password, requestMeta(request)));
      },
    );

    app.delete(
      '/api/me/deletion',
      { schema: { tags, summary: 'Cancel the deletion of my account', response: { 204: z.null() } } },
      async (request, reply) => {
        const actor = requireActor(request, { allowInactive: true });
        await deletion.cancel(actor, requestMeta(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/admin/processing-register.csv',
      { schema: { tags: ['admin'], summary: 'The register of processing activities (RGPD art. 30), CSV' } },
      async (request, reply) => {
        requireActor(request, { roles: ['admin'] });
        return reply
          .type(CSV)
          .header('content-disposition', 'attachment; filename="registre-des-traitements.csv"')
          .send(registerCsv());
      },
    );

    app.get(
      '/api/admin/audit.csv',
      {
        schema: {
          tags: ['admin'],
          summary: 'The audit trail of a period, CSV',
          querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, { roles: ['admin'] });
        const from = new Date(`${request.query.from}T00:00:00Z`);
        const to = new Date(new Date(`${request.query.to}T00:00:00Z`).getTime() + 86_400_000);
        if (to <= from) throw validationFailed([{ field: 'to', message: 'La fin doit suivre le début.' }]);
        const csv = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
          auditCsv(trx, from, to),
        );
        return reply
          .type(CSV)
          .header(
            'content-disposition',
            `attachment; filename="journal-${request.query.from}-${request.query.to}.csv"`,
          )
          .send(csv);
      },
    );
  };
