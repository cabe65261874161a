import { z } from 'zod';

/**
 * The registry of every error code the API answers with.
 * `AppError` only accepts a code from here, so a new code is added here first; the SPA translates
 * codes (its locale files have one entry per code), never the server's sentence.
 * Keep the list sorted by area; append new codes to their area.
 */
export const errorRegistry = [
  // Framework and request shape
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'BAD_REQUEST',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
  // Authentication and access
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'INVALID_CREDENTIALS',
  'INVALID_TOKEN',
  'TOO_MANY_ATTEMPTS',
  'ACCOUNT_INACTIVE',
  'EXPERT_NOT_APPROVED',
  'SECOND_FACTOR_REQUIRED',
  'INVALID_SECOND_FACTOR',
  'PASSKEY_REFUSED',
  'SECOND_FACTOR_MANDATORY',
  'CONSENT_REQUIRED',
  // Generic state conflicts
  'CONFLICT',
  'INVALID_TRANSITION',
  'PRECONDITION_FAILED',
  // Simulator
  'ANSWERS_MISSING',
  'PERIOD_OVERLAP',
  // Dossiers and experts
  'NO_EXPERT',
  'DOSSIER_CLOSED',
  'ALREADY_RATED',
  // Documents
  'EMPTY_FILE',
  'DOCUMENT_PURGED',
  'DOCUMENT_REVIEWED',
  // Messaging
  'MESSAGE_DELETED',
  'EDIT_WINDOW_CLOSED',
  'MESSAGE_ID_CONFLICT',
  // Appointments
  'NO_AVAILABILITY',
  'SLOT_TAKEN',
  'APPOINTMENT_STATE',
  // Engagement letters, mandates and invoices
  'ENGAGEMENT_NOT_SIGNED',
  'DOCUMENT_CHANGED',
  'ENGAGEMENT_STATE',
  'BILLING_PROFILE_INCOMPLETE',
  'INVOICE_STATE',
] as const;

export const errorCodes = errorRegistry;
export const errorCodeSchema = z.enum(errorRegistry);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldErrorSchema = z.object({
  field: z.string(),
  /** The contracts' own sentence (French). */
  message: z.string(),
  /** The zod issue code (too_small, invalid_format…), so a client can say it in its language. */
  code: z.string().optional(),
  /** Bounds of a too_small / too_big issue, and what they count (string: characters, array: items). */
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  origin: z.string().optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem body; `code` is the stable identifier clients switch on. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: errorCodeSchema,
  detail: z.string().optional(),
  requestId: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
