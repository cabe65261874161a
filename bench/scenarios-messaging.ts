// Messaging scenarios: posting a message (a fresh client id per request, so every request is a
// real insert, never the idempotent replay) and reading the first page of a conversation. Each
// baseline runs the SQL the messaging service sends (modules/messaging/{service,repository}.ts),
// in the same row-level-security transaction, for the caller its session lookup found.
import { randomUUID } from 'node:crypto';
import { encodeCursor } from '../apps/api/src/platform/db/pagination';
import type { Query } from './baseline/database';
import { scoped } from './baseline/scoped';
import { requireCaller } from './baseline/session';
import type { BaselineHandler, Scenario } from './scenarios';

const PAGE = 30;
const BODY = 'Bonjour, voici le justificatif demandé pour le remboursement TICPE du trimestre.';

type MessageRow = {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  attachment_ids: string[];
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
};

const toMessage = (row: MessageRow) => ({
  id: row.id,
  conversationId: row.conversation_id,
  senderId: row.sender_id,
  body: row.deleted_at ? '' : row.body,
  attachmentIds: row.deleted_at ? [] : row.attachment_ids,
  createdAt: row.created_at.toISOString(),
  editedAt: row.edited_at?.toISOString() ?? null,
  deletedAt: row.deleted_at?.toISOString() ?? null,
  cursor: encodeCursor({ createdAt: row.created_at, id: row.id }),
});

async function visibleConversation(query: Query, id: string) {
  const [conversation] = await query<{ id: string }>('select * from "conversations" where "id" = $1', [id]);
  if (!conversation) throw new Error('baseline: conversation not visible');
  return conversation;
}

/** The statements of messagingService.send for a new id, in order. */
const sendMessage: BaselineHandler = (db, seed, caller) => {
  const { userId, role } = requireCaller(caller);
  return scoped(db, { userId, role }, async (query) => {
    const conversationId = seed.conversation.id;
    await visibleConversation(query, conversationId);
    const [claimed] = await query<{ id: string; created_at: Date }>(
      `insert into "message_ids" ("id", "conversation_id", "sender_id", "created_at")
       values ($1, $2, $3, date_trunc('milliseconds', clock_timestamp()))
       on conflict ("id") do nothing returning "id", "created_at"`,
      [randomUUID(), conversationId, userId],
    );
    if (!claimed) throw new Error('baseline: id taken');
    const row: MessageRow = {
      id: claimed.id,
      conversation_id: conversationId,
      sender_id: userId,
      body: BODY,
      attachment_ids: [],
      created_at: claimed.created_at,
      edited_at: null,
      deleted_at: null,
    };
    await query(
      `insert into "messages" ("id", "conversation_id", "sender_id", "body", "attachment_ids", "created_at")
       values ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.conversation_id, row.sender_id, row.body, row.attachment_ids, row.created_at],
    );
    await query(
      'update "conversations" set "last_message_at" = greatest(last_message_at, $1) where "id" = $2',
      [row.created_at, conversationId],
    );
    const audience = await query<{ user_id: string; role: string }>(
      `select user_id, role, display_name from app_conversation_audience($1::uuid) order by role, display_name`,
      [conversationId],
    );
    const participants = audience.filter((m) => m.role !== 'admin' || m.user_id === userId);
    if (participants.length > 0)
      await query(
        `insert into "conversation_participants" ("conversation_id", "user_id")
         select $1, unnest($2::uuid[]) on conflict ("conversation_id", "user_id") do nothing`,
        [conversationId, participants.map((m) => m.user_id)],
      );
    await query(
      `insert into "conversation_participants" ("conversation_id", "user_id", "last_read_at", "last_read_message_id")
       values ($1, $2, $3, $4)
       on conflict ("conversation_id", "user_id") do update set
         "last_read_at" = greatest(conversation_participants.last_read_at, excluded.last_read_at),
         "last_read_message_id" = case when conversation_participants.last_read_at is null
           or excluded.last_read_at >= conversation_participants.last_read_at
           then excluded.last_read_message_id else conversation_participants.last_read_message_id end
       returning "last_read_at", "last_read_message_id"`,
      [conversationId, userId, row.created_at, row.id],
    );
    await query(
      `insert into audit_events (actor_id, action, entity_type, entity_id, ip, user_agent, details)
       values ($1, 'message.sent', 'message', $2, '127.0.0.1', 'baseline', $3::jsonb)`,
      [userId, row.id, JSON.stringify({ conversationId, attachments: 0 })],
    );
    const message = toMessage(row);
    await query('select pg_notify($1, $2)', [
      'ft_realtime',
      JSON.stringify({
        u: audience.map((m) => m.user_id),
        e: { type: 'message.created', payload: { conversationId, message } },
      }),
    ]);
    return message;
  });
};

/** messagingService.messages without a cursor: the newest page. */
const messageHistory: BaselineHandler = (db, seed, caller) => {
  const { userId, role } = requireCaller(caller);
  return scoped(db, { userId, role }, async (query) => {
    await visibleConversation(query, seed.conversation.id);
    const rows = await query<MessageRow>(
      `select "id", "conversation_id", "sender_id", "body", "attachment_ids", "created_at", "edited_at", "deleted_at"
       from "messages" where "conversation_id" = $1 order by "created_at" desc, "id" desc limit $2`,
      [seed.conversation.id, PAGE + 1],
    );
    const items = rows.slice(0, PAGE);
    const last = items.at(-1);
    return {
      items: items.map(toMessage),
      nextCursor:
        rows.length > PAGE && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  });
};

export const messagingScenarios: Scenario[] = [
  {
    name: 'client: POST /api/conversations/:id/messages',
    request: (seed) => ({
      method: 'POST',
      path: `/api/conversations/${seed.conversation.id}/messages`,
      headers: { authorization: `Bearer ${seed.client.token}`, 'content-type': 'application/json' },
      // A new client id for every request (autocannon setupRequest): each one is a real insert.
      freshBody: () => JSON.stringify({ id: randomUUID(), body: BODY }),
    }),
    baseline: sendMessage,
  },
  {
    name: 'client: GET /api/conversations/:id/messages',
    request: (seed) => ({
      method: 'GET',
      path: `/api/conversations/${seed.conversation.id}/messages`,
      headers: { authorization: `Bearer ${seed.client.token}` },
    }),
    baseline: messageHistory,
  },
];
