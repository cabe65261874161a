import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/guards';
import type { DashboardService } from './service';

const tags = ['dashboards'];
const cents = z.number().int();

export const dashboardRoutes =
  ({ dashboards }: { dashboards: DashboardService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dashboard/client',
      {
        schema: {
          tags,
          summary:
            'Client: estimated (annual, one-off) and realised savings, dossier counts, claim deadlines',
          response: {
            200: z.object({
              estimatedAnnualCents: cents,
              estimatedOneOffCents: cents,
              activeDossiers: cents,
              completedDossiers: cents,
              realisedCents: cents,
              /** Open dossiers with a claim deadline, soonest first. */
              deadlines: z.array(
                z.object({ dossierId: z.uuid(), claimBy: z.iso.date(), claimByText: z.string().nullable() }),
              ),
              amountPeriods: z.record(z.uuid(), z.enum(['annual', 'oneOff'])),
            }),
          },
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
          response: {
            200: z.object({
              proposals: z.array(
                z.object({ dossierId: z.uuid(), productName: z.string(), expiresAt: z.iso.datetime() }),
              ),
              byStatus: z.record(z.string(), z.number().int()),
              inAuditCents: cents,
              feesByMonth: z.array(z.object({ month: z.string(), netCents: cents })),
            }),
          },
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
          response: {
            200: z.object({
              byStatus: z.record(z.string(), z.number().int()),
              reviewsWaiting: cents,
              expertsPending: cents,
              pastSla: z.array(
                z.object({
                  dossierId: z.uuid(),
                  productName: z.string(),
                  status: z.string(),
                  since: z.iso.datetime(),
                }),
              ),
              byProduct: z.array(
                z.object({ code: z.string(), name: z.string(), estimatedCents: cents, realisedCents: cents }),
              ),
            }),
          },
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
