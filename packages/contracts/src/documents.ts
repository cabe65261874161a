import { z } from 'zod';
import { documentItemStatuses } from './document-kinds';

export * from './document-kinds';

/** What the upload zone tells before a file is chosen, and checks before sending it. */
export const uploadLimitsSchema = z.object({ maxUploadBytes: z.number().int().positive() });
export type UploadLimits = z.infer<typeof uploadLimitsSchema>;

export const uploadedDocumentSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  mimeType: z.string(),
  fileName: z.string(),
});
export type UploadedDocument = z.infer<typeof uploadedDocumentSchema>;

export const documentVersionSchema = z.object({
  version: z.number().int(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string().nullable(),
  review: z
    .object({
      status: z.enum(['approved', 'rejected']),
      reason: z.string().nullable(),
      at: z.iso.datetime().nullable(),
    })
    .nullable(),
  /** Only admins ever see hidden versions. */
  hiddenAt: z.iso.datetime().nullable(),
  purged: z.object({ at: z.iso.datetime(), reason: z.string() }).nullable(),
  reusedFrom: z.object({ documentId: z.uuid().nullable(), version: z.number().int() }).nullable(),
});
export type DocumentVersion = z.infer<typeof documentVersionSchema>;

export const documentMetadataSchema = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  itemId: z.uuid().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  versions: z.array(documentVersionSchema),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

export const dossierDocumentsSchema = z.object({ documents: z.array(documentMetadataSchema) });

const reason = z.string().trim().min(3, '3 caractères au moins.').max(2000);
export const rejectDocumentSchema = z.object({ reason });
export const purgeDocumentSchema = z.object({
  reason,
  /** One version; without it every version of the document. */
  version: z.number().int().min(1).optional(),
});
export const attachDocumentSchema = z.object({ documentId: z.uuid() });

export const myDocumentsQuerySchema = z.object({
  dossierId: z.uuid().optional(),
  status: z.enum(documentItemStatuses).optional(),
  /** The checklist item code, e.g. KBIS. */
  kind: z
    .string()
    .regex(/^[A-Z0-9_]{1,64}$/, 'Code de pièce attendu (ex. KBIS).')
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type MyDocumentsQuery = z.infer<typeof myDocumentsQuerySchema>;

export const myDocumentSchema = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  itemId: z.uuid().nullable(),
  itemCode: z.string().nullable(),
  itemLabel: z.string().nullable(),
  status: z.enum(documentItemStatuses),
  reason: z.string().nullable(),
  version: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.iso.datetime(),
  reusable: z.boolean(),
});
export type MyDocument = z.infer<typeof myDocumentSchema>;
export const myDocumentsSchema = z.object({
  items: z.array(myDocumentSchema),
  nextCursor: z.string().nullable(),
});
