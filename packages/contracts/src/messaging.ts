import { z } from 'zod';
import { searchTextSchema } from './admin';
import { MESSAGE_MAX_LENGTH } from './messaging-limits';

export { MESSAGE_EDIT_WINDOW_MS, MESSAGE_MAX_LENGTH } from './messaging-limits';

export const conversationParticipantSchema = z.object({
  id: z.uuid(),
  role: z.enum(['client', 'expert', 'admin']),
  name: z.string(),
  lastReadAt: z.iso.datetime().nullable(),
  lastReadMessageId: z.uuid().nullable(),
});
export type ConversationParticipant = z.infer<typeof conversationParticipantSchema>;

export const messageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  senderId: z.uuid(),
  /** Empty once deleted. */
  body: z.string(),
  attachmentIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  /** Position of this message for `before`/`after` pagination. */
  cursor: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['dossier', 'support']),
  dossierId: z.uuid().nullable(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  participants: z.array(conversationParticipantSchema),
  lastMessage: messageSchema.nullable(),
  lastMessageAt: z.iso.datetime().nullable(),
  unreadCount: z.number().int(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSchema),
  totalUnread: z.number().int(),
});
export type ConversationList = z.infer<typeof conversationListSchema>;
export const conversationListQuerySchema = z.object({
  q: searchTextSchema(100).optional(),
});
export const unreadTotalSchema = z.object({ totalUnread: z.number().int() });

export const messagePageQuerySchema = z
  .object({
    before: z.string().max(200).optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .refine((q) => !(q.before && q.after), {
    message: 'Utilisez before ou after, pas les deux.',
    path: ['after'],
  });
export const messagePageSchema = z.object({
  /** Newest first with `before` (or no cursor); oldest first with `after`. */
  items: z.array(messageSchema),
  nextCursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof messagePageSchema>;

/** A message's text: PostgreSQL cannot store a NUL character, and nobody types one. */
const messageText = () =>
  z
    .string()
    .trim()
    .max(MESSAGE_MAX_LENGTH, `${MESSAGE_MAX_LENGTH} caractères au plus.`)
    .refine((text) => !text.includes('\0'), 'Le message contient un caractère non autorisé.');

const attachmentIds = z.array(z.uuid()).max(10, '10 pièces jointes au plus.').default([]);
export const sendMessageSchema = z
  .object({
    id: z.uuid(),
    body: messageText(),
    attachmentIds,
  })
  .refine((m) => m.body.length > 0 || m.attachmentIds.length > 0, {
    message: 'Écrivez un message ou joignez un document.',
    path: ['body'],
  });
export type SendMessage = z.input<typeof sendMessageSchema>;
export const editMessageSchema = z.object({
  body: messageText().refine((text) => text.length > 0, 'Le message ne peut pas être vide.'),
});
export const markReadSchema = z.object({ messageId: z.uuid().optional() });
/** The caller's read position after marking a conversation read. */
export const readReceiptSchema = z.object({
  userId: z.uuid(),
  lastReadAt: z.iso.datetime().nullable(),
  lastReadMessageId: z.uuid().nullable(),
  totalUnread: z.number().int(),
});

/** Frames a browser sends on the real-time socket. */
export const realtimeClientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), conversationId: z.uuid() }),
  z.object({ type: z.literal('ping') }),
]);
export type RealtimeClientFrame = z.infer<typeof realtimeClientFrameSchema>;
