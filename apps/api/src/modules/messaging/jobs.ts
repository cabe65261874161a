import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Notify } from '../notifications/service';

/** A message left unread this long is worth a notification (and, per preferences, an e-mail). */
export const UNREAD_NOTIFY_DELAY = '5 minutes';

type UnreadBurst = {
  conversation_id: string;
  user_id: string;
  dossier_id: string | null;
  product_code: string | null;
  product_name: string | null;
  unread: number;
  up_to: Date;
};

/**
 * System job (owner role): one `message.new` notification per participant and unread burst. A
 * burst is the unread stretch since the participant last read; `notified_up_to` remembers it was
 * announced, so nothing more is sent until the participant reads again. Readers who lost access (an
 * expert whose assignment ended) are skipped.
 */
export async function notifyUnreadMessages(trx: Kysely<DB>, notify: Notify): Promise<number> {
  const bursts = await sql<UnreadBurst>`
    select p.conversation_id, p.user_id, c.dossier_id, pr.code as product_code, pr.name as product_name,
      count(*)::int as unread, max(m.created_at) as up_to
    from conversation_participants p
    join conversations c on c.id = p.conversation_id
    left join dossiers d on d.id = c.dossier_id
    left join products pr on pr.code = d.product_code
    join messages m on m.conversation_id = p.conversation_id and m.sender_id <> p.user_id
      and m.deleted_at is null and m.created_at > coalesce(p.last_read_at, '-infinity'::timestamptz)
    where (p.notified_up_to is null or p.notified_up_to <= p.last_read_at)
      and app_conversation_reader(p.user_id, p.conversation_id)
    group by p.conversation_id, p.user_id, c.dossier_id, pr.code, pr.name
    having min(m.created_at) <= now() - ${UNREAD_NOTIFY_DELAY}::interval
    order by p.conversation_id, p.user_id
    limit 500`.execute(trx);
  for (const burst of bursts.rows) {
    await notify(trx, {
      userId: burst.user_id,
      type: 'message.new',
      template: burst.product_name ? 'message.new.dossier' : 'message.new.support',
      params: { count: burst.unread, product: burst.product_name, productCode: burst.product_code },
      link: `/messages?conversation=${burst.conversation_id}`,
      ...(burst.dossier_id ? { dossierId: burst.dossier_id } : {}),
    });
    await trx
      .updateTable('conversation_participants')
      .set({ notified_up_to: burst.up_to })
      .where('conversation_id', '=', burst.conversation_id)
      .where('user_id', '=', burst.user_id)
      .execute();
  }
  return bursts.rows.length;
}

/** Keeps next year's partition of `messages` ready before the first message of January. */
export async function ensureNextMessagePartition(db: Kysely<DB>, now = new Date()): Promise<number> {
  const year = now.getUTCFullYear() + 1;
  await sql`select app_ensure_message_partition(${year}::integer)`.execute(db);
  return year;
}
