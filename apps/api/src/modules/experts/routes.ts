import { expertProfileSchema, updateExpertProfileSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { ExpertsService } from './service';

export const expertsRoutes =
  ({ experts }: { experts: ExpertsService }): FastifyPluginAsyncZod =>
  async (app) => {
    // A pending expert may complete its profile while it waits for approval.
    app.patch(
      '/api/experts/me/profile',
      {
        schema: {
          tags: ['experts'],
          summary: 'Edit my expert profile',
          body: updateExpertProfileSchema,
          response: { 200: expertProfileSchema },
        },
      },
      async (request) =>
        experts.updateOwnProfile(
          requireActor(request, { roles: ['expert'], allowInactive: true }),
          request.body,
          requestMeta(request),
        ),
    );
  };
