import type { Conversation, Message } from '@ft/contracts';
import { encodeCursor } from '../../platform/db/pagination';
import type { AudienceMember, ConversationRow, MessageRow } from './repository';

/** A deleted message keeps its place in the thread but not its content. */
export function toMessage(row: MessageRow): Message {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    body: deleted ? '' : row.body,
    attachmentIds: deleted ? [] : row.attachment_ids,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    cursor: encodeCursor({ createdAt: row.created_at, id: row.id }),
  };
}

type MemberRow = AudienceMember & {
  conversation_id: string;
  last_read_at: Date | null;
  last_read_message_id: string | null;
};

export function toConversations(
  rows: ConversationRow[],
  members: MemberRow[],
  last: MessageRow[],
): Conversation[] {
  const lastByConversation = new Map(last.map((m) => [m.conversation_id, m]));
  return rows.map((row) => {
    const lastMessage = lastByConversation.get(row.id);
    return {
      id: row.id,
      kind: row.kind,
      dossierId: row.dossier_id,
      productCode: row.product_code,
      productName: row.product_name,
      participants: members
        .filter((m) => m.conversation_id === row.id)
        .map((m) => ({
          id: m.user_id,
          role: m.role,
          name: m.display_name,
          lastReadAt: m.last_read_at?.toISOString() ?? null,
          lastReadMessageId: m.last_read_message_id,
        })),
      lastMessage: lastMessage ? toMessage(lastMessage) : null,
      lastMessageAt: row.last_message_at?.toISOString() ?? null,
      unreadCount: row.unread_count,
    };
  });
}
