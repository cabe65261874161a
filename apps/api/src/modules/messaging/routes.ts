import {
  conversationListQuerySchema,
  conversationListSchema,
  conversationSchema,
  editMessageSchema,
  markReadSchema,
  messagePageQuerySchema,
  messagePageSchema,
  messageSchema,
  readReceiptSchema,
  sendMessageSchema,
  unreadTotalSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { MessagingService } from './service';

const tags = ['messaging'];
const params = z.object({ id: z.uuid() });
const messageParams = z.object({ id: z.uuid(), messageId: z.uuid() });

export const messagingRoutes =
  ({ messaging }: { messaging: MessagingService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/conversations',
      {
        schema: {
          tags,
          summary: 'The caller’s conversations with unread counts (search with q)',
          querystring: conversationListQuerySchema,
          response: { 200: conversationListSchema },
        },
      },
      (request) => messaging.list(requireActor(request), request.query),
    );

    app.get(
      '/api/conversations/unread',
      {
        schema: {
          tags,
          summary: 'Unread messages in all conversations',
          response: { 200: unreadTotalSchema },
        },
      },
      (request) => messaging.totalUnread(requireActor(request)),
    );

    app.post(
      '/api/conversations/support',
      {
        schema: {
          tags,
          summary: 'The caller’s conversation with the admin team (created on first use)',
          response: { 200: conversationSchema, 201: conversationSchema },
        },
      },
      async (request, reply) => {
        const { created, conversation } = await messaging.openSupport(
          requireActor(request),
          requestMeta(request),
        );
        return reply.status(created ? 201 : 200).send(conversation);
      },
    );

    app.post(
      '/api/dossiers/:id/conversation',
      {
        schema: {
          tags,
          summary: 'The dossier’s conversation (created on first use)',
          params,
          response: { 200: conversationSchema, 201: conversationSchema },
        },
      },
      async (request, reply) => {
        const { created, conversation } = await messaging.openForDossier(
          requireActor(request),
          request.params.id,
          requestMeta(request),
        );
        return reply.status(created ? 201 : 200).send(conversation);
      },
    );

    app.get(
      '/api/conversations/:id',
      { schema: { tags, summary: 'One conversation', params, response: { 200: conversationSchema } } },
      (request) => messaging.get(requireActor(request), request.params.id),
    );

    app.get(
      '/api/conversations/:id/messages',
      {
        // Read each time a conversation opens: served on a session resolved lately, confirmed by
        // the history's scope.
        config: { reusesSession: true },
        schema: {
          tags,
          summary: 'Messages: newest first (before=<cursor> for older), or oldest first after=<cursor>',
          params,
          querystring: messagePageQuerySchema,
          response: { 200: messagePageSchema },
        },
      },
      (request) => messaging.messages(requireActor(request), request.params.id, request.query),
    );

    app.post(
      '/api/conversations/:id/messages',
      {
        schema: {
          tags,
          summary: 'Send a message; the same id again returns the stored message (200)',
          params,
          body: sendMessageSchema,
          response: { 200: messageSchema, 201: messageSchema },
        },
      },
      async (request, reply) => {
        const { created, message } = await messaging.send(
          requireActor(request),
          request.params.id,
          request.body,
          requestMeta(request),
        );
        return reply.status(created ? 201 : 200).send(message);
      },
    );

    app.patch(
      '/api/conversations/:id/messages/:messageId',
      {
        schema: {
          tags,
          summary: 'Edit one’s own message within 15 minutes',
          params: messageParams,
          body: editMessageSchema,
          response: { 200: messageSchema },
        },
      },
      (request) =>
        messaging.edit(
          requireActor(request),
          request.params.id,
          request.params.messageId,
          request.body.body,
          requestMeta(request),
        ),
    );

    app.delete(
      '/api/conversations/:id/messages/:messageId',
      {
        schema: { tags, summary: 'Delete one’s own message (it stays as “deleted”)', params: messageParams },
      },
      async (request, reply) => {
        await messaging.remove(
          requireActor(request),
          request.params.id,
          request.params.messageId,
          requestMeta(request),
        );
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/conversations/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark read up to a message (default: the newest)',
          params,
          body: markReadSchema,
          response: { 200: readReceiptSchema },
        },
      },
      (request) => messaging.markRead(requireActor(request), request.params.id, request.body.messageId),
    );
  };
