import type { ColumnType, Generated } from 'kysely';

export interface ConversationsTable {
  id: Generated<string>;
  kind: 'dossier' | 'support';
  dossier_id: string | null;
  subject_user_id: string | null;
  created_at: ColumnType<Date, never, never>;
  last_message_at: Date | null;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  joined_at: ColumnType<Date, never, never>;
  last_read_at: Date | null;
  last_read_message_id: string | null;
  notified_up_to: Date | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: ColumnType<Date, Date, never>;
  edited_at: Date | null;
  deleted_at: Date | null;
}

export interface MessageIdsTable {
  id: string;
  conversation_id: string;
  sender_id: string;
  created_at: ColumnType<Date, Date, never>;
}

export interface MessagingTables {
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_ids: MessageIdsTable;
}
