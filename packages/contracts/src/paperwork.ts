import { z } from 'zod';

/** The key of a French VAT number: (12 + 3 × (SIREN mod 97)) mod 97, two digits. */
export function frenchVatKey(siren: string): string {
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** FR + key + SIREN, spaces removed; the key must match the SIREN. Other EU numbers: shape only. */
export const vatNumberSchema = z
  .string()
  .transform((value) => value.replace(/[\s.-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, 'Numéro de TVA intracommunautaire invalide (ex. FR40552100554).')
      .refine(
        (value) =>
          !value.startsWith('FR') ||
          (/^FR\d{11}$/.test(value) && value.slice(2, 4) === frenchVatKey(value.slice(4))),
        'La clé de ce numéro de TVA ne correspond pas au SIREN (ex. FR40552100554).',
      ),
  );

const line = (max: number) =>
  z.string().trim().min(1, 'Ce champ est obligatoire.').max(max, `${max} caractères au plus.`);

/** The billing identity a client gives before its first invoice. */
export const billingProfileSchema = z.object({
  billingStreet: line(200),
  billingPostcode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Le code postal doit comporter 5 chiffres.'),
  billingCity: line(100),
  billingCountry: z.literal('FR').default('FR'),
  vatNumber: vatNumberSchema,
});
export type BillingProfile = z.infer<typeof billingProfileSchema>;

/** What the client pays and the expert receives, before or after the rates are frozen. */
export const feeEstimateSchema = z.object({
  baseCents: z.number().int(),
  clientFeeRateBps: z.number().int().nullable(),
  platformFeeRateBps: z.number().int(),
  feeExclVatCents: z.number().int(),
  vatCents: z.number().int(),
  totalInclVatCents: z.number().int(),
  platformCommissionCents: z.number().int(),
  expertNetCents: z.number().int(),
  /** true once the client accepted (audit or quote): the rates no longer move. */
  frozen: z.boolean(),
});
export type FeeEstimate = z.infer<typeof feeEstimateSchema>;

export const invoiceStatusSchema = z.enum(['issued', 'made_available', 'received', 'refused', 'paid']);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

export const invoiceSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  creditedInvoiceNumber: z.string().nullable(),
  dossierId: z.uuid(),
  buyerName: z.string(),
  issuedAt: z.iso.datetime(),
  dueOn: z.string(),
  feeExclVatCents: z.number().int(),
  vatCents: z.number().int(),
  totalInclVatCents: z.number().int(),
  status: invoiceStatusSchema,
  sha256: z.string().nullable(),
  transmittedAt: z.iso.datetime().nullable(),
  events: z.array(
    z.object({ status: invoiceStatusSchema, occurredAt: z.iso.datetime(), note: z.string().nullable() }),
  ),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

const isoDate = z.iso.date('Date attendue au format AAAA-MM-JJ.');
export const invoiceListQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  dossierId: z.uuid().optional(),
});
export const invoiceListSchema = z.object({ invoices: z.array(invoiceSummarySchema) });

export const creditNoteInputSchema = z.object({
  reason: line(500),
  /** Amount excl. VAT to credit; the whole remaining amount when omitted. */
  amountExclVatCents: z.number().int().positive('Le montant doit être positif.').optional(),
});
export const invoiceStatusInputSchema = z.object({
  status: z.enum(['received', 'refused', 'paid']),
  note: z.string().trim().max(500).optional(),
});

export const engagementKindSchema = z.enum(['mission', 'mandate']);
export type EngagementKind = z.infer<typeof engagementKindSchema>;

export const engagementDocumentSchema = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  kind: engagementKindSchema,
  title: z.string(),
  body: z.string(),
  templateVersion: z.number().int(),
  sha256: z.string(),
  status: z.enum(['pending', 'signed', 'revoked']),
  createdAt: z.iso.datetime(),
  signedAt: z.iso.datetime().nullable(),
  signerName: z.string().nullable(),
  signerCapacity: z.string().nullable(),
  signedSha256: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revocationReason: z.string().nullable(),
});
export type EngagementDocument = z.infer<typeof engagementDocumentSchema>;
export const engagementListSchema = z.object({ documents: z.array(engagementDocumentSchema) });

export const ENGAGEMENT_CONSENT_TEXT =
  'J’ai lu ce document et je le signe électroniquement, en qualité de représentant légal de la société.';
export const signEngagementSchema = z.object({
  /** The SHA-256 of the exact document the signer read: signing another version is refused. */
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Empreinte SHA-256 invalide.'),
  signerName: line(200),
  signerCapacity: line(100),
  consent: z.literal(true, 'Cochez la case pour confirmer votre consentement.'),
});
export const revokeMandateSchema = z.object({ reason: line(1000) });

export const engagementTemplateSchema = z.object({
  id: z.uuid(),
  kind: engagementKindSchema,
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export const engagementTemplateListSchema = z.object({ templates: z.array(engagementTemplateSchema) });
export const newTemplateVersionSchema = z.object({
  kind: engagementKindSchema,
  title: line(200),
  body: z.string().trim().min(50, 'Le modèle doit comporter au moins 50 caractères.').max(50_000),
});

export const sealVerificationSchema = z.object({
  valid: z.boolean(),
  signer: z.string().nullable(),
  reason: z.string().nullable(),
});
