import { clientProfileSchema, updateClientProfileSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { ClientsService } from './service';

export const clientsRoutes =
  ({ clients }: { clients: ClientsService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.patch(
      '/api/clients/me/profile',
      {
        schema: {
          tags: ['clients'],
          summary: 'Edit my company profile',
          body: updateClientProfileSchema,
          response: { 200: clientProfileSchema },
        },
      },
      async (request) =>
        clients.updateOwnProfile(
          requireActor(request, { roles: ['client'] }),
          request.body,
          requestMeta(request),
        ),
    );
  };
