import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Keyset } from '../../platform/db/pagination';
import { containsPattern } from '../../platform/db/pagination';
import { prepared } from '../../platform/db/prepared';

/**
 * Typed SQL of the messaging module. Every function runs inside the caller's scoped transaction,
 * so row-level security decides which conversations and messages exist for the caller.
 */
type Db = Kysely<DB>;

export type AudienceMember = { user_id: string; role: 'client' | 'expert' | 'admin'; display_name: string };
export type MessageRow = {
  id: string;
  conversation_id: string;
  sender_id: string;
  body: string;
  attachment_ids: string[];
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
};
export type ConversationRow = {
  id: string;
  kind: 'dossier' | 'support';
  dossier_id: string | null;
  subject_user_id: string | null;
  last_message_at: Date | null;
  product_code: string | null;
  product_name: string | null;
  unread_count: number;
};

const MESSAGE_COLUMNS = [
  'id',
  'conversation_id',
  'sender_id',
  'body',
  'attachment_ids',
  'created_at',
  'edited_at',
  'deleted_at',
] as const;

/*
 * The statements of a message's send, compiled once (platform/db/prepared.ts): a post is a dozen
 * statements in one transaction, and building each with Kysely on every request was the largest
 * part of its JavaScript the baselines do not pay (docs/performance.md, "Posting a message").
 */
const conversationById = prepared((db: Db, _shape: 'by-id', p: { id: string }) =>
  db
    .selectFrom('conversations')
    .select(['id', 'kind', 'dossier_id', 'subject_user_id', 'created_at', 'last_message_at'])
    .where('id', '=', p.id),
);

const claimId = prepared(
  (db: Db, _shape: 'claim', p: { id: string; conversationId: string; senderId: string }) =>
    db
      .insertInto('message_ids')
      .values({
        id: p.id,
        conversation_id: p.conversationId,
        sender_id: p.senderId,
        // Milliseconds: the precision of a JavaScript Date, so cursors and read marks round-trip exactly.
        created_at: sql<Date>`date_trunc('milliseconds', clock_timestamp())`,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning(['id', 'created_at']),
);

const messageInsert = prepared(
  (db: Db, _shape: 'insert', row: Omit<MessageRow, 'edited_at' | 'deleted_at'>) =>
    db.insertInto('messages').values({
      id: row.id,
      conversation_id: row.conversation_id,
      sender_id: row.sender_id,
      body: row.body,
      attachment_ids: row.attachment_ids,
      created_at: row.created_at,
    }),
);

const conversationTouch = prepared((db: Db, _shape: 'touch', p: { conversationId: string; at: Date }) =>
  db
    .updateTable('conversations')
    .set({ last_message_at: sql<Date>`greatest(last_message_at, ${p.at})` })
    .where('id', '=', p.conversationId),
);

/** One shape per number of readers (two to a handful). */
const participantsInsert = prepared(
  (db: Db, _count: string, p: { conversationId: string } & Record<string, string>) => {
    const { conversationId, ...users } = p;
    return db
      .insertInto('conversation_participants')
      .values(Object.values(users).map((userId) => ({ conversation_id: conversationId, user_id: userId })))
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing());
  },
);

const readMark = prepared(
  (
    db: Db,
    _shape: 'mark',
    p: { conversationId: string; userId: string; at: Date; messageId: string | null },
  ) =>
    db
      .insertInto('conversation_participants')
      .values({
        conversation_id: p.conversationId,
        user_id: p.userId,
        last_read_at: p.at,
        last_read_message_id: p.messageId,
      })
      .onConflict((oc) =>
        oc.columns(['conversation_id', 'user_id']).doUpdateSet({
          last_read_at: sql<Date>`greatest(conversation_participants.last_read_at, excluded.last_read_at)`,
          last_read_message_id: sql<string>`case when conversation_participants.last_read_at is null
            or excluded.last_read_at >= conversation_participants.last_read_at
            then excluded.last_read_message_id else conversation_participants.last_read_message_id end`,
        }),
      )
      .returning(['last_read_at', 'last_read_message_id']),
);

export const messagingRepository = {
  async findConversation(db: Db, id: string) {
    return (await conversationById(db, 'by-id', { id }))[0];
  },

  /** Whether the caller may see the dossier (its own row-level security decides). */
  async dossierVisible(db: Db, dossierId: string): Promise<boolean> {
    const row = await db.selectFrom('dossiers').select('id').where('id', '=', dossierId).executeTakeFirst();
    return row !== undefined;
  },

  /** Creates the conversation at most once, whoever asks first (concurrent callers included). */
  async ensureDossierConversation(db: Db, dossierId: string): Promise<{ id: string; created: boolean }> {
    const inserted = await db
      .insertInto('conversations')
      .values({ kind: 'dossier', dossier_id: dossierId })
      .onConflict((oc) => oc.column('dossier_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await db
      .selectFrom('conversations')
      .select('id')
      .where('dossier_id', '=', dossierId)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  },

  async ensureSupportConversation(db: Db, userId: string): Promise<{ id: string; created: boolean }> {
    const inserted = await db
      .insertInto('conversations')
      .values({ kind: 'support', subject_user_id: userId })
      .onConflict((oc) => oc.column('subject_user_id').where('kind', '=', 'support').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await db
      .selectFrom('conversations')
      .select('id')
      .where('kind', '=', 'support')
      .where('subject_user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  },

  /** Who reads the conversation now, with display names (empty if the caller may not read it). */
  async audience(db: Db, conversationId: string): Promise<AudienceMember[]> {
    const result = await sql<AudienceMember>`
      select user_id, role, display_name from app_conversation_audience(${conversationId}::uuid)
      order by role, display_name`.execute(db);
    return result.rows;
  },

  /**
   * The caller's conversations, most recent activity first, with its unread count in each. Admins
   * see every support conversation and the dossier conversations they joined (they may open any);
   * asking for given `ids` skips that filter.
   */
  async listConversations(
    db: Db,
    caller: { userId: string; role: string },
    options: { q?: string; ids?: string[]; limit: number },
  ): Promise<ConversationRow[]> {
    const pattern = options.q ? containsPattern(options.q) : undefined;
    const result = await sql<ConversationRow>`
      select c.id, c.kind, c.dossier_id, c.subject_user_id, c.last_message_at,
        d.product_code, p.name as product_name,
        (select count(*)::int from messages m
          where m.conversation_id = c.id and m.sender_id <> ${caller.userId}::uuid and m.deleted_at is null
            and m.created_at > coalesce(cp.last_read_at, '-infinity'::timestamptz)) as unread_count
      from conversations c
      left join conversation_participants cp on cp.conversation_id = c.id and cp.user_id = ${caller.userId}::uuid
      left join dossiers d on d.id = c.dossier_id
      left join products p on p.code = d.product_code
      where ${
        options.ids
          ? sql`c.id = any(${options.ids}::uuid[])`
          : sql`(${caller.role} <> 'admin' or c.kind = 'support' or cp.user_id is not null)`
      }
        ${
          pattern
            ? sql`and (lower(coalesce(p.name, '')) like ${pattern} or lower(coalesce(d.product_code, '')) like ${pattern}
                    or c.dossier_id::text like ${pattern}
                    or exists (select 1 from app_conversation_audience(c.id) a
                               where a.user_id <> ${caller.userId}::uuid and lower(a.display_name) like ${pattern}))`
            : sql``
        }
      order by c.last_message_at desc nulls last, c.created_at desc, c.id
      limit ${options.limit}`.execute(db);
    return result.rows;
  },

  /** Read state of everyone who reads each conversation. */
  async members(db: Db, conversationIds: string[]) {
    if (conversationIds.length === 0) return [];
    const result = await sql<
      AudienceMember & {
        conversation_id: string;
        last_read_at: Date | null;
        last_read_message_id: string | null;
      }
    >`
      select ids.conversation_id, a.user_id, a.role, a.display_name, cp.last_read_at, cp.last_read_message_id
      from unnest(${conversationIds}::uuid[]) as ids(conversation_id)
      cross join lateral app_conversation_audience(ids.conversation_id) a
      left join conversation_participants cp
        on cp.conversation_id = ids.conversation_id and cp.user_id = a.user_id
      order by a.role, a.display_name`.execute(db);
    return result.rows;
  },

  async lastMessages(db: Db, conversationIds: string[]): Promise<MessageRow[]> {
    if (conversationIds.length === 0) return [];
    const result = await sql<MessageRow>`
      select m.* from unnest(${conversationIds}::uuid[]) as ids(conversation_id)
      cross join lateral (
        select ${sql.join(MESSAGE_COLUMNS.map((c) => sql.ref(c)))} from messages
        where conversation_id = ids.conversation_id
        order by created_at desc, id desc limit 1) m`.execute(db);
    return result.rows;
  },

  async totalUnread(db: Db, caller: { userId: string; role: string }): Promise<number> {
    const result = await sql<{ total: number }>`
      select coalesce(sum((select count(*) from messages m
          where m.conversation_id = c.id and m.sender_id <> ${caller.userId}::uuid and m.deleted_at is null
            and m.created_at > coalesce(cp.last_read_at, '-infinity'::timestamptz))), 0)::int as total
      from conversations c
      left join conversation_participants cp on cp.conversation_id = c.id and cp.user_id = ${caller.userId}::uuid
      where ${caller.role} <> 'admin' or c.kind = 'support' or cp.user_id is not null`.execute(db);
    return result.rows[0]?.total ?? 0;
  },

  /** One page of messages: older than `before` newest first, or newer than `after` oldest first. */
  pageMessages(db: Db, conversationId: string, position: { before?: Keyset; after?: Keyset }, limit: number) {
    let query = db
      .selectFrom('messages')
      .select(MESSAGE_COLUMNS)
      .where('conversation_id', '=', conversationId);
    if (position.after) {
      const { createdAt, id } = position.after;
      query = query
        .where((eb) =>
          eb.or([
            eb('created_at', '>', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)]),
          ]),
        )
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc');
    } else {
      if (position.before) {
        const { createdAt, id } = position.before;
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      query = query.orderBy('created_at', 'desc').orderBy('id', 'desc');
    }
    return query.limit(limit + 1).execute();
  },

  /** Registers a client-chosen id; undefined when the id was already taken (by anyone). */
  async claimMessageId(db: Db, row: { id: string; conversationId: string; senderId: string }) {
    return (await claimId(db, 'claim', row))[0];
  },

  findMessageId(db: Db, id: string) {
    return db.selectFrom('message_ids').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** A message by id, located in its partition through the id register. */
  async findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
    const registered = await db
      .selectFrom('message_ids')
      .select('created_at')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!registered) return undefined;
    return db
      .selectFrom('messages')
      .select(MESSAGE_COLUMNS)
      .where('id', '=', id)
      .where('created_at', '=', registered.created_at)
      .executeTakeFirst();
  },

  async insertMessage(db: Db, row: Omit<MessageRow, 'edited_at' | 'deleted_at'>): Promise<MessageRow> {
    await messageInsert(db, 'insert', row);
    await conversationTouch(db, 'touch', { conversationId: row.conversation_id, at: row.created_at });
    return { ...row, edited_at: null, deleted_at: null };
  },

  async updateMessage(
    db: Db,
    key: { id: string; createdAt: Date },
    changes: { body?: string; edited_at?: Date; deleted_at?: Date },
  ): Promise<MessageRow> {
    return db
      .updateTable('messages')
      .set(changes)
      .where('id', '=', key.id)
      .where('created_at', '=', key.createdAt)
      .returning(MESSAGE_COLUMNS)
      .executeTakeFirstOrThrow();
  },

  /** Gives every reader a participant row, so read state and notifications have a place. */
  async ensureParticipants(db: Db, conversationId: string, userIds: string[]) {
    if (userIds.length === 0) return;
    await participantsInsert(db, String(userIds.length), {
      conversationId,
      ...Object.fromEntries(userIds.map((userId, i) => [`u${i}`, userId])),
    });
  },

  /** Moves the read mark forward only (a late, older receipt never un-reads newer messages). */
  async markRead(
    db: Db,
    conversationId: string,
    userId: string,
    upTo: { at: Date; messageId: string | null },
  ) {
    const [mark] = await readMark(db, 'mark', {
      conversationId,
      userId,
      at: upTo.at,
      messageId: upTo.messageId,
    });
    if (!mark) throw new Error('the read mark was not written');
    return mark;
  },

  newestMessage(db: Db, conversationId: string) {
    return db
      .selectFrom('messages')
      .select(['id', 'created_at'])
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
};
