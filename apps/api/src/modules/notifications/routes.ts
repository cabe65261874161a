import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  readAllResultSchema,
  unreadCountSchema,
  updateNotificationPreferencesSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { NotificationInbox } from './inbox';

const params = z.object({ id: z.uuid() });
const tags = ['notifications'];
// An expert awaiting approval (or rejected) must still read the notification that tells it so.
const caller = { allowInactive: true };

export const notificationsRoutes =
  ({ inbox }: { inbox: NotificationInbox }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: "The caller's notifications, newest first (inbox, unread only or archived)",
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema },
        },
      },
      (request) => inbox.list(requireActor(request, caller), request.query),
    );

    app.get(
      '/api/notifications/unread-count',
      {
        schema: {
          tags,
          summary: 'How many notifications the caller has not read (archived ones excluded)',
          response: { 200: unreadCountSchema },
        },
      },
      (request) => inbox.unreadCount(requireActor(request, caller)),
    );

    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Marks every unread notification of the caller read',
          response: { 200: readAllResultSchema },
        },
      },
      (request) => inbox.markAllRead(requireActor(request, caller), requestMeta(request)),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Marks one notification read',
          params,
          response: { 200: notificationSchema },
        },
      },
      (request) => inbox.markRead(requireActor(request, caller), request.params.id, requestMeta(request)),
    );

    app.post(
      '/api/notifications/:id/archive',
      {
        schema: {
          tags,
          summary: 'Archives one notification (it leaves the inbox and counts as read)',
          params,
          response: { 200: notificationSchema },
        },
      },
      (request) => inbox.archive(requireActor(request, caller), request.params.id, requestMeta(request)),
    );

    app.get(
      '/api/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Which channel (in the app, by e-mail) is on for each event type',
          response: { 200: notificationPreferencesSchema },
        },
      },
      (request) => inbox.preferences(requireActor(request, caller)),
    );

    app.put(
      '/api/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Changes the channels of the event types given; others keep their setting',
          body: updateNotificationPreferencesSchema,
          response: { 200: notificationPreferencesSchema },
        },
      },
      (request) => inbox.updatePreferences(requireActor(request, caller), request.body, requestMeta(request)),
    );
  };
