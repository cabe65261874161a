import { dossierListQuerySchema, dossierListSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/guards';
import type { DossiersService } from './service';

export const dossiersRoutes =
  ({ dossiers }: { dossiers: DossiersService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dossiers',
      {
        schema: {
          tags: ['dossiers'],
          summary: 'The dossiers the caller may see',
          querystring: dossierListQuerySchema,
          response: { 200: dossierListSchema },
        },
      },
      (request) => dossiers.list(requireActor(request), request.query),
    );
  };
