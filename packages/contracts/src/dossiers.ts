import { z } from 'zod';

export const dossierSummarySchema = z.object({
  id: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  track: z.enum(['full', 'short']),
  status: z.string(),
  progress: z.number().int().nullable(),
  estimatedAmountCents: z.number().int().nullable(),
  estimateExplanation: z.string(),
  noLongerEligible: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;
export const dossierListSchema = z.object({
  items: z.array(dossierSummarySchema),
  nextCursor: z.string().nullable(),
});
export const dossierListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
