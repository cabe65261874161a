import { z } from 'zod';
import { DOSSIER_STATUSES } from './dossier-statuses';
import { feeEstimateSchema, invoiceStatusSchema } from './paperwork';

/** The company a dossier is for and whom to contact, shown to its expert and to admins. */
export const dossierClientSchema = z.object({
  companyName: z.string(),
  siren: z.string(),
  contactName: z.string(),
  email: z.string(),
  phone: z.string(),
});
export type DossierClient = z.infer<typeof dossierClientSchema>;

/** One answer of the simulation a dossier came from; choices come as their labels. */
export const simulationAnswerSchema = z.object({
  code: z.string(),
  label: z.string(),
  type: z.enum(['single_choice', 'multiple_choice', 'amount', 'number', 'integer', 'boolean']),
  unit: z.string().nullable(),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  /** For a choice: the codes of the chosen options (`value` holds their French labels). */
  optionCodes: z.array(z.string()).optional(),
});
export type SimulationAnswer = z.infer<typeof simulationAnswerSchema>;

export const dossierStatusSchema = z.enum(DOSSIER_STATUSES);

export const DOSSIER_TRACKS = ['full', 'short'] as const;
export const trackSchema = z.enum(DOSSIER_TRACKS);
export type Track = z.infer<typeof trackSchema>;

/** The state machine's actions; `expire-proposal` is the scheduler's, every other one has a route. */
export const DOSSIER_ACTIONS = [
  'submit-for-review',
  'validate-eligibility',
  'reject-eligibility',
  'propose-expert',
  'accept-assignment',
  'decline-assignment',
  'expire-proposal',
  'request-documents',
  'submit-documents',
  'start-audit',
  'complete-audit',
  'approve-audit',
  'reject-audit',
  'file-claim',
  'record-decision',
  'confirm-refund',
  'confirm-payment',
  'send-quote',
  'accept-quote',
  'decline-quote',
  'issue-invoice',
  'cancel',
] as const;
export const dossierActionSchema = z.enum(DOSSIER_ACTIONS);
export type DossierAction = z.infer<typeof dossierActionSchema>;
/** The actions a user takes through `POST /api/dossiers/:id/<action>`. */
export type UserDossierAction = Exclude<DossierAction, 'expire-proposal'>;

export const dossierSummarySchema = z.object({
  id: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  track: trackSchema,
  status: dossierStatusSchema,
  progress: z.number().int().nullable(),
  estimatedAmountCents: z.number().int().nullable(),
  estimateExplanation: z.string(),
  noLongerEligible: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Null only when the caller may not read the client (never for its expert or an admin). */
  client: dossierClientSchema.nullable(),
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

const isoDate = z.iso.date('Date au format AAAA-MM-JJ attendue.');
const cents = z.number().int('Montant en centimes entiers attendu.').min(0).max(1_000_000_000_000);
const text = (min: number, max: number) => z.string().trim().min(min, `${min} caractères au moins.`).max(max);

export const dossierActionBodies = {
  'submit-for-review': z.object({}),
  'validate-eligibility': z.object({}),
  'reject-eligibility': z.object({ reason: text(3, 2000) }),
  'propose-expert': z.object({ expertId: z.uuid() }),
  'accept-assignment': z.object({}),
  'decline-assignment': z.object({ reason: text(3, 2000) }),
  'request-documents': z.object({
    items: z
      .array(z.object({ label: text(2, 200), required: z.boolean() }))
      .min(1, 'Demandez au moins une pièce.')
      .max(30),
  }),
  'submit-documents': z.object({}),
  'start-audit': z.object({}),
  'complete-audit': z.object({
    finalAmountCents: cents,
    report: text(10, 20_000),
    clientFeeRateBps: z.number().int().min(0).max(10_000).optional(),
  }),
  'approve-audit': z.object({}),
  'reject-audit': z.object({ reason: text(3, 2000) }),
  'file-claim': z.object({ authority: text(2, 100), reference: text(1, 100), filedOn: isoDate }),
  'record-decision': z.object({
    decision: z.enum(['accepted', 'partial', 'refused']),
    grantedAmountCents: cents,
    decidedOn: isoDate,
    reason: text(3, 2000).optional(),
  }),
  'confirm-refund': z.object({}),
  'confirm-payment': z.object({}),
  'send-quote': z.object({
    amountCents: cents.min(1, 'Le devis doit avoir un montant.'),
    description: text(3, 5000),
    validUntil: isoDate,
  }),
  'accept-quote': z.object({}),
  'decline-quote': z.object({ reason: text(3, 2000) }),
  'issue-invoice': z.object({}),
  cancel: z.object({ reason: text(3, 2000) }),
} as const satisfies Record<UserDossierAction, z.ZodType>;
export type DossierActionName = keyof typeof dossierActionBodies;
export type DossierActionBody<A extends DossierActionName> = z.infer<(typeof dossierActionBodies)[A]>;
export const rateExpertSchema = z.object({
  score: z.number().int().min(1, 'Une note de 1 à 5.').max(5, 'Une note de 1 à 5.'),
  comment: z.string().trim().max(2000).optional(),
});
export const forceTransitionSchema = z.object({ to: dossierStatusSchema, reason: text(3, 2000) });

export const dossierItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  label: z.string(),
  required: z.boolean(),
  source: z.enum(['checklist', 'expert']),
  status: z.enum(['requested', 'uploaded', 'approved', 'rejected']),
  reason: z.string().nullable(),
  documentId: z.uuid().nullable(),
});

export const dossierDetailSchema = dossierSummarySchema.extend({
  clientId: z.uuid(),
  expertId: z.uuid().nullable(),
  allowedActions: z.array(dossierActionSchema),
  items: z.array(dossierItemSchema),
  assignment: z
    .object({
      expertId: z.uuid(),
      status: z.string(),
      expiresAt: z.iso.datetime(),
      firmName: z.string().nullable(),
      /** How the expert is usually met: prefilled when an appointment is proposed. */
      phone: z.string().nullable(),
      meetingLink: z.string().nullable(),
    })
    .nullable(),
  simulationAnswers: z.array(simulationAnswerSchema),
  clientFeeRateBps: z.number().int().nullable(),
  finalAmountCents: z.number().int().nullable(),
  auditReport: z.string().nullable(),
  auditRevision: z.number().int(),
  grantedAmountCents: z.number().int().nullable(),
  decision: z.string().nullable(),
  quoteAmountCents: z.number().int().nullable(),
  quoteValidUntil: z.string().nullable(),
  closingReason: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** Rate, fee excl./incl. VAT on the audited amount or quote, and who pays whom. */
  fees: feeEstimateSchema.nullable(),
  /** Whether the engagement letter and mandate of the assigned expert are signed (the gate). */
  engagementSigned: z.boolean(),
  invoice: z
    .object({
      id: z.uuid(),
      status: invoiceStatusSchema,
      number: z.string(),
      feeExclVatCents: z.number().int(),
      vatCents: z.number().int(),
      totalInclVatCents: z.number().int(),
      platformCommissionCents: z.number().int(),
      expertNetCents: z.number().int(),
      dueOn: z.string(),
      paidAt: z.iso.datetime().nullable(),
    })
    .nullable(),
});
export type DossierDetail = z.infer<typeof dossierDetailSchema>;

export const timelineSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actorId: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export const qualifiedExpertsSchema = z.object({
  experts: z.array(
    z.object({
      id: z.uuid(),
      firmName: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      productCodes: z.array(z.string()),
      yearsOfExperience: z.number().int(),
      languages: z.array(z.string()),
      bio: z.string(),
      activeDossiers: z.number().int(),
      clientFeeRateBps: z.number().int(),
      clientFeeMinBps: z.number().int(),
      clientFeeMaxBps: z.number().int(),
      rating: z.number().nullable(),
      ratingCount: z.number().int(),
    }),
  ),
});
