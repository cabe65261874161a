import type { Conversation, Message, MessagePage } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import { type Actor, actorScope } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import type { RealtimeHub } from '../../platform/realtime/hub';
import type { DocumentsService } from '../documents/service';
import { toConversations, toMessage } from './dto';
import { assertMayDelete, assertMayEdit, assertMayOpenSupport } from './policy';
import { messagingRepository as repo } from './repository';

const caller = (actor: Actor) => ({ userId: actor.userId, role: actor.role });
const CONVERSATION_NOT_FOUND = 'Conversation introuvable.';
const LIST_LIMIT = 100;

export function createMessagingService(deps: {
  db: Kysely<DB>;
  hub: RealtimeHub;
  documents: DocumentsService;
}) {
  const { db, hub } = deps;

  /** The conversation if the caller may read it (row-level security), else 404. */
  async function visibleConversation(trx: Kysely<DB>, id: string) {
    const conversation = await repo.findConversation(trx, id);
    if (!conversation) throw notFound(CONVERSATION_NOT_FOUND);
    return conversation;
  }

  async function describe(trx: Kysely<DB>, actor: Actor, id: string): Promise<Conversation> {
    const rows = await repo.listConversations(trx, caller(actor), { ids: [id], limit: 1 });
    const [conversation] = toConversations(
      rows,
      await repo.members(trx, [id]),
      await repo.lastMessages(trx, [id]),
    );
    if (!conversation) throw notFound(CONVERSATION_NOT_FOUND);
    return conversation;
  }

  async function announce(
    trx: Kysely<DB>,
    conversationId: string,
    type: string,
    payload: Record<string, unknown>,
  ) {
    const audience = await repo.audience(trx, conversationId);
    await hub.publish(
      trx,
      audience.map((member) => member.user_id),
      { type, payload: { conversationId, ...payload } },
    );
    return audience;
  }

  return {
    async list(actor: Actor, query: { q?: string | undefined }) {
      return withScope(db, actorScope(actor), async (trx) => {
        const rows = await repo.listConversations(trx, caller(actor), {
          ...(query.q ? { q: query.q } : {}),
          limit: LIST_LIMIT,
        });
        const ids = rows.map((row) => row.id);
        const items = toConversations(rows, await repo.members(trx, ids), await repo.lastMessages(trx, ids));
        return { items, totalUnread: await repo.totalUnread(trx, caller(actor)) };
      });
    },

    totalUnread(actor: Actor) {
      return withScope(db, actorScope(actor), async (trx) => ({
        totalUnread: await repo.totalUnread(trx, caller(actor)),
      }));
    },

    get(actor: Actor, id: string) {
      return withScope(db, actorScope(actor), async (trx) => {
        await visibleConversation(trx, id);
        return describe(trx, actor, id);
      });
    },

    /** The dossier's conversation, created the first time someone who sees the dossier asks. */
    openForDossier(actor: Actor, dossierId: string, meta: RequestMeta) {
      return withScope(db, actorScope(actor), async (trx) => {
        if (!(await repo.dossierVisible(trx, dossierId))) throw notFound('Dossier introuvable.');
        const { id, created } = await repo.ensureDossierConversation(trx, dossierId);
        if (created) {
          await recordAudit(trx, meta, {
            action: 'conversation.created',
            entityType: 'conversation',
            entityId: id,
            details: { dossierId },
          });
        }
        return { created, conversation: await describe(trx, actor, id) };
      });
    },

    /** The caller's own conversation with the admin team. */
    openSupport(actor: Actor, meta: RequestMeta) {
      assertMayOpenSupport(actor);
      return withScope(db, actorScope(actor), async (trx) => {
        const { id, created } = await repo.ensureSupportConversation(trx, actor.userId);
        if (created) {
          await recordAudit(trx, meta, {
            action: 'conversation.created',
            entityType: 'conversation',
            entityId: id,
          });
        }
        return { created, conversation: await describe(trx, actor, id) };
      });
    },

    messages(
      actor: Actor,
      conversationId: string,
      query: { before?: string | undefined; after?: string | undefined; limit: number },
    ): Promise<MessagePage> {
      const before = decodeCursor(query.before);
      const after = decodeCursor(query.after);
      return withScope(db, actorScope(actor), async (trx) => {
        await visibleConversation(trx, conversationId);
        const rows = await repo.pageMessages(trx, conversationId, { before, after }, query.limit);
        const { items, nextCursor } = page(rows, query.limit, (row) => ({
          createdAt: row.created_at,
          id: row.id,
        }));
        return { items: items.map(toMessage), nextCursor };
      });
    },

    /**
     * Idempotent on the client-chosen id: the id register is claimed first, so a retry (even one
     * racing the original) finds it and returns the stored message instead of a second copy.
     */
    send(
      actor: Actor,
      conversationId: string,
      input: { id: string; body: string; attachmentIds: string[] },
      meta: RequestMeta,
    ): Promise<{ created: boolean; message: Message }> {
      return withScope(db, actorScope(actor), async (trx) => {
        const conversation = await visibleConversation(trx, conversationId);
        const claimed = await repo.claimMessageId(trx, {
          id: input.id,
          conversationId,
          senderId: actor.userId,
        });
        if (!claimed) {
          const existing = await repo.findMessageId(trx, input.id);
          if (existing?.conversation_id !== conversationId || existing.sender_id !== actor.userId) {
            throw new AppError('MESSAGE_ID_CONFLICT', 409, 'Cet identifiant de message est déjà utilisé.');
          }
          const stored = await repo.findMessage(trx, input.id);
          if (!stored) throw notFound('Message introuvable.');
          return { created: false, message: toMessage(stored) };
        }
        const attachmentIds = [...new Set(input.attachmentIds)];
        if (attachmentIds.length > 0) {
          const dossiers = await deps.documents.dossiersOf(trx, attachmentIds);
          const foreign = attachmentIds.some((id) => dossiers.get(id) !== conversation.dossier_id);
          if (conversation.kind !== 'dossier' || foreign) {
            throw validationFailed([
              { field: 'attachmentIds', message: 'Joignez uniquement des documents de ce dossier.' },
            ]);
          }
        }
        const row = await repo.insertMessage(trx, {
          id: input.id,
          conversation_id: conversationId,
          sender_id: actor.userId,
          body: input.body,
          attachment_ids: attachmentIds,
          created_at: claimed.created_at,
        });
        const audience = await repo.audience(trx, conversationId);
        await repo.ensureParticipants(
          trx,
          conversationId,
          audience.filter((m) => m.role !== 'admin' || m.user_id === actor.userId).map((m) => m.user_id),
        );
        // One's own message is read by definition.
        await repo.markRead(trx, conversationId, actor.userId, { at: row.created_at, messageId: row.id });
        await recordAudit(trx, meta, {
          action: 'message.sent',
          entityType: 'message',
          entityId: row.id,
          details: { conversationId, attachments: attachmentIds.length },
        });
        const message = toMessage(row);
        await hub.publish(
          trx,
          audience.map((m) => m.user_id),
          { type: 'message.created', payload: { conversationId, message } },
        );
        return { created: true, message };
      });
    },

    edit(actor: Actor, conversationId: string, messageId: string, body: string, meta: RequestMeta) {
      return withScope(db, actorScope(actor), async (trx) => {
        await visibleConversation(trx, conversationId);
        const found = await repo.findMessage(trx, messageId);
        if (found?.conversation_id !== conversationId) throw notFound('Message introuvable.');
        assertMayEdit(actor, found);
        const row = await repo.updateMessage(
          trx,
          { id: found.id, createdAt: found.created_at },
          {
            body,
            edited_at: new Date(),
          },
        );
        await recordAudit(trx, meta, { action: 'message.edited', entityType: 'message', entityId: row.id });
        const message = toMessage(row);
        await announce(trx, conversationId, 'message.updated', { message });
        return message;
      });
    },

    remove(actor: Actor, conversationId: string, messageId: string, meta: RequestMeta) {
      return withScope(db, actorScope(actor), async (trx) => {
        await visibleConversation(trx, conversationId);
        const found = await repo.findMessage(trx, messageId);
        if (found?.conversation_id !== conversationId) throw notFound('Message introuvable.');
        assertMayDelete(actor, found);
        if (found.deleted_at) return;
        const row = await repo.updateMessage(
          trx,
          { id: found.id, createdAt: found.created_at },
          {
            deleted_at: new Date(),
          },
        );
        await recordAudit(trx, meta, { action: 'message.deleted', entityType: 'message', entityId: row.id });
        await announce(trx, conversationId, 'message.updated', { message: toMessage(row) });
      });
    },

    /** Moves the caller's read mark to a message (default: the newest) and tells the others. */
    markRead(actor: Actor, conversationId: string, messageId: string | undefined) {
      return withScope(db, actorScope(actor), async (trx) => {
        await visibleConversation(trx, conversationId);
        let upTo: { at: Date; messageId: string | null };
        if (messageId) {
          const message = await repo.findMessage(trx, messageId);
          if (message?.conversation_id !== conversationId)
            throw validationFailed([
              { field: 'messageId', message: 'Ce message n’est pas dans cette conversation.' },
            ]);
          upTo = { at: message.created_at, messageId: message.id };
        } else {
          const newest = await repo.newestMessage(trx, conversationId);
          upTo = newest
            ? { at: newest.created_at, messageId: newest.id }
            : { at: new Date(), messageId: null };
        }
        const mark = await repo.markRead(trx, conversationId, actor.userId, upTo);
        const receipt = {
          userId: actor.userId,
          lastReadAt: mark.last_read_at?.toISOString() ?? null,
          lastReadMessageId: mark.last_read_message_id,
        };
        await announce(trx, conversationId, 'conversation.read', receipt);
        return { ...receipt, totalUnread: await repo.totalUnread(trx, caller(actor)) };
      });
    },

    /** Relays "is typing" to the other readers; nothing is stored. */
    async typing(actor: Actor, conversationId: string) {
      const others = await withScope(db, actorScope(actor), async (trx) => {
        const audience = await repo.audience(trx, conversationId);
        const self = audience.find((member) => member.user_id === actor.userId);
        if (audience.length === 0) return undefined;
        return { name: self?.display_name ?? null, ids: audience.filter((m) => m.user_id !== actor.userId) };
      });
      if (!others || others.ids.length === 0) return;
      await hub.publish(
        db,
        others.ids.map((m) => m.user_id),
        { type: 'typing', payload: { conversationId, userId: actor.userId, name: others.name } },
      );
    },
  };
}

export type MessagingService = ReturnType<typeof createMessagingService>;
