import { z } from 'zod';

const cents = z.number().int();
const count = z.number().int();

/** Annual and one-off estimates apart (simulator v2: never added into one figure), with deadlines. */
export const clientDashboardSchema = z.object({
  estimatedAnnualCents: cents,
  estimatedOneOffCents: cents,
  activeDossiers: count,
  completedDossiers: count,
  realisedCents: cents,
  /** Open dossiers with a claim deadline, soonest first. */
  deadlines: z.array(
    z.object({ dossierId: z.uuid(), claimBy: z.iso.date(), claimByText: z.string().nullable() }),
  ),
  /** Whether each open dossier's estimate is per year or one-off. */
  amountPeriods: z.record(z.uuid(), z.enum(['annual', 'oneOff'])),
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
