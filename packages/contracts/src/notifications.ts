import { z } from 'zod';

/** Every event a user can be notified of; preferences are kept per type and channel. */
export const NOTIFICATION_TYPES = [
  'dossier.transition',
  'assignment.proposed',
  'assignment.accepted',
  'assignment.declined',
  'assignment.expired',
  'document.requested',
  'document.rejected',
  'message.new',
  'appointment.proposed',
  'appointment.confirmed',
  'appointment.reminder',
  'appointment.cancelled',
  'expert.approval',
] as const;
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  dossierId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
