import { adminDashboardSchema, clientDashboardSchema, expertDashboardSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/guards';
import type { DashboardService } from './service';

const tags = ['dashboards'];

export const dashboardRoutes =
  ({ dashboards }: { dashboards: DashboardService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dashboard/client',
      {
        schema: {
          tags,
          summary: 'Client: estimated and realised savings, active and completed dossiers',
          response: { 200: clientDashboardSchema },
        },
      },
      (request) => dashboards.client(requireActor(request, { roles: ['client'] })),
    );

    app.get(
      '/api/dashboard/expert',
      {
        schema: {
          tags,
          summary:
            'Expert: proposals awaiting an answer, dossiers by status, amounts in audit, fees by month',
          response: { 200: expertDashboardSchema },
        },
      },
      (request) => dashboards.expert(requireActor(request, { roles: ['expert'] })),
    );

    app.get(
      '/api/dashboard/admin',
      {
        schema: {
          tags,
          summary:
            'Admin: pipeline, reviews waiting, dossiers past their SLA, experts pending, savings by product',
          response: { 200: adminDashboardSchema },
        },
      },
      (request) => dashboards.admin(requireActor(request, { roles: ['admin'] })),
    );

    app.get(
      '/api/admin/dossiers.csv',
      { schema: { tags, summary: 'Every dossier as CSV' } },
      async (request, reply) => {
        const csv = await dashboards.adminCsv(requireActor(request, { roles: ['admin'] }));
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="dossiers-${new Date().toISOString().slice(0, 10)}.csv"`,
          )
          .send(csv);
      },
    );
  };
