import { z } from 'zod';
import { clientProfileSchema, expertApprovalStatusSchema, expertProfileSchema } from './auth';

export const reasonSchema = z.object({
  reason: z.string().trim().min(3, 'Indiquez un motif (3 caractères au moins).').max(2000),
});

/**
 * Free text typed into a search box. Control characters (a NUL byte above all, which PostgreSQL
 * refuses in text) are never part of what a person searches for, so they are refused here.
 */
export const searchTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^\P{Cc}*$/u, 'La recherche contient un caractère non autorisé.');

export const pageQuerySchema = z.object({
  q: searchTextSchema(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const expertFeesSchema = z.object({
  clientFeeRateBps: z.number().int().min(0).max(10_000),
  platformFeeRateBps: z.number().int().min(0).max(10_000),
  clientFeeMinBps: z.number().int().min(0).max(10_000),
  clientFeeMaxBps: z.number().int().min(0).max(10_000),
});
export type ExpertFees = z.infer<typeof expertFeesSchema>;

export const adminExpertSchema = expertProfileSchema.omit({ kind: true }).extend({
  id: z.uuid(),
  email: z.string(),
  createdAt: z.iso.datetime(),
  fees: expertFeesSchema,
});
export type AdminExpert = z.infer<typeof adminExpertSchema>;
export const adminExpertListQuerySchema = pageQuerySchema.extend({
  status: expertApprovalStatusSchema.optional(),
});
export const adminExpertListSchema = z.object({
  items: z.array(adminExpertSchema),
  nextCursor: z.string().nullable(),
});

export const adminClientSchema = clientProfileSchema.omit({ kind: true }).extend({
  id: z.uuid(),
  email: z.string(),
  status: z.string(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
});
export type AdminClient = z.infer<typeof adminClientSchema>;
export const adminClientListSchema = z.object({
  items: z.array(adminClientSchema),
  nextCursor: z.string().nullable(),
});

export const auditEventSchema = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditQuerySchema = z.object({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const auditListSchema = z.object({
  items: z.array(auditEventSchema),
  nextCursor: z.string().nullable(),
});

export const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  status: z.enum(['stored', 'sent', 'failed']),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export const outboxListSchema = z.object({
  items: z.array(outboxMessageSchema),
  nextCursor: z.string().nullable(),
});
