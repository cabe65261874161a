import { z } from 'zod';
import { NOTIFICATION_FILTERS } from './ui-constants';

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
  'dossier.deadline',
] as const;
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof notificationTypeSchema>;

export const notificationSchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  /** The French rendering, as stored (what older clients and the history show). */
  title: z.string(),
  body: z.string(),
  /**
   * What to render in the reader's language (`renderNotice` of ./notices): the template and its
   * parameters; null on notifications recorded before templates (the French text stands).
   */
  template: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  link: z.string().nullable(),
  dossierId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  archivedAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  filter: z.enum(NOTIFICATION_FILTERS).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ count: z.number().int().nonnegative() });
export const readAllResultSchema = z.object({ updated: z.number().int().nonnegative() });

/** Where a notification may reach its recipient. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** One row of the preferences matrix: an event type and whether each channel is on. */
export const notificationPreferenceSchema = z.object({
  type: notificationTypeSchema,
  inApp: z.boolean(),
  email: z.boolean(),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

export const notificationPreferencesSchema = z.object({ items: z.array(notificationPreferenceSchema) });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Rows left out keep their current setting, so a screen may send only what it changed. */
export const updateNotificationPreferencesSchema = z.object({
  items: z
    .array(notificationPreferenceSchema)
    .max(NOTIFICATION_TYPES.length)
    .refine((items) => new Set(items.map((item) => item.type)).size === items.length, {
      message: 'Chaque type ne peut figurer qu’une fois.',
    }),
});
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;

/** The events that can concern each role: the preferences screen offers only these. */
export const NOTIFICATION_TYPES_BY_ROLE: Record<'client' | 'expert' | 'admin', readonly NotificationType[]> =
  {
    client: [
      'dossier.transition',
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
    ],
    expert: [
      'dossier.transition',
      'assignment.proposed',
      'assignment.expired',
      'message.new',
      'appointment.proposed',
      'appointment.confirmed',
      'appointment.reminder',
      'appointment.cancelled',
      'expert.approval',
    ],
    admin: [
      'dossier.transition',
      'assignment.accepted',
      'assignment.declined',
      'assignment.expired',
      'message.new',
      'appointment.proposed',
      'appointment.confirmed',
    ],
  };
