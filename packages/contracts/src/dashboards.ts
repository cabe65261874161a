import { z } from 'zod';

const cents = z.number().int();
const count = z.number().int();

export const clientDashboardSchema = z.object({
  estimatedCents: cents,
  activeDossiers: count,
  completedDossiers: count,
  realisedCents: cents,
});
export type ClientDashboard = z.infer<typeof clientDashboardSchema>;

export const expertDashboardSchema = z.object({
  proposals: z.array(
    z.object({
      dossierId: z.uuid(),
      productCode: z.string(),
      productName: z.string(),
      expiresAt: z.iso.datetime(),
    }),
  ),
  byStatus: z.record(z.string(), count),
  inAuditCents: cents,
  feesByMonth: z.array(z.object({ month: z.string(), netCents: cents })),
});
export type ExpertDashboard = z.infer<typeof expertDashboardSchema>;

export const adminDashboardSchema = z.object({
  byStatus: z.record(z.string(), count),
  reviewsWaiting: count,
  expertsPending: count,
  pastSla: z.array(
    z.object({
      dossierId: z.uuid(),
      productCode: z.string(),
      productName: z.string(),
      status: z.string(),
      since: z.iso.datetime(),
    }),
  ),
  byProduct: z.array(
    z.object({ code: z.string(), name: z.string(), estimatedCents: cents, realisedCents: cents }),
  ),
});
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;
