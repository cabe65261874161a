import { consentFieldsSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../database';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import { pendingConsents, recordConsents } from './consents';

const tags = ['privacy'];

export const privacyRoutes =
  ({ db }: { db: Kysely<DB> }): FastifyPluginAsyncZod =>
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
  };
