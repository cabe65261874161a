// Bulk seeding for the scaling curve: set-based SQL (`generate_series`), run as the owner, so
// 100 000 dossiers take seconds. Rows are closed dossiers (status `completed`), which the "one
// open dossier per client and product" rule does not constrain.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../apps/api/src/database';

/** One bulk client per ten dossiers, like companies with several products. */
const DOSSIERS_PER_CLIENT = 10;

/**
 * Adds `count` dossiers: most to new bulk clients, 1 % to `clientId` (so its list gets deep), and
 * assigns 1 % of the new ones to `expertId`. Returns how many bulk dossiers exist afterwards.
 */
export async function addBulkDossiers(
  db: Kysely<DB>,
  input: { count: number; clientId: string; expertId: string; batch: string },
): Promise<number> {
  const clients = Math.max(1, Math.ceil(input.count / DOSSIERS_PER_CLIENT));
  const own = Math.max(1, Math.floor(input.count / 100));
  await sql`
    insert into users (email, password_hash, role, created_at)
    select 'bulk-' || ${input.batch} || '-' || g || '@example.fr', 'not-a-hash', 'client', now() - g * interval '1 minute'
    from generate_series(1, ${clients}::int) g`.execute(db);
  await sql`
    with c as (
      select array_agg(id) as ids from users where email like ${`bulk-${input.batch}-%`}
    ), p as (
      select array_agg(code order by code) as codes from products
    )
    insert into dossiers (client_id, product_code, track, status, estimated_amount_cents,
                          estimate_explanation, created_at, updated_at)
    select case when g <= ${own}::int then ${input.clientId}::uuid
                else c.ids[1 + (g % array_length(c.ids, 1))] end,
           p.codes[1 + (g % array_length(p.codes, 1))], 'full', 'completed', 100000 + g,
           'bulk', now() - g * interval '17 seconds', now() - g * interval '17 seconds'
    from generate_series(1, ${input.count}::int) g, c, p`.execute(db);
  await sql`
    insert into expert_assignments (dossier_id, expert_id, status, expires_at, responded_at)
    select d.id, ${input.expertId}::uuid, 'accepted', now() + interval '30 days', now()
    from dossiers d
    where d.estimate_explanation = 'bulk' and d.client_id <> ${input.clientId}::uuid
      and not exists (select 1 from expert_assignments a where a.dossier_id = d.id)
    order by d.id
    limit ${own}::int`.execute(db);
  await sql`analyze`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from dossiers`.execute(db);
  return total.rows[0]?.n ?? 0;
}

/** Rows per statement: keeps each insert's memory and WAL burst bounded at the 1 M size. */
const MESSAGE_CHUNK = 100_000;

/**
 * Adds `count` messages from `senderId` to one conversation, older than every message already in
 * it (50 ms apart, so 1 M messages span 14 hours and stay in this year's partition unless run in
 * the first hours of January: the default partition takes the rest). Each message gets its row in
 * the `message_ids` register too, as the send path writes it (migration 0012). Returns the total.
 */
export async function addBulkMessages(
  db: Kysely<DB>,
  input: { conversationId: string; senderId: string; count: number },
): Promise<number> {
  for (let done = 0; done < input.count; done += MESSAGE_CHUNK) {
    const size = Math.min(MESSAGE_CHUNK, input.count - done);
    await sql`
      with oldest as (
        select coalesce(min(created_at), now()) as at from message_ids where conversation_id = ${input.conversationId}::uuid
      ), g as (
        select gen_random_uuid() as id,
               date_trunc('milliseconds', oldest.at - n * interval '50 milliseconds') as created_at, n
        from generate_series(1, ${size}::int) n, oldest
      ), registered as (
        insert into message_ids (id, conversation_id, sender_id, created_at)
        select id, ${input.conversationId}::uuid, ${input.senderId}::uuid, created_at from g
      )
      insert into messages (id, conversation_id, sender_id, body, created_at)
      select id, ${input.conversationId}::uuid, ${input.senderId}::uuid,
             'Message ' || n || ' : relance sur les pièces justificatives du dossier.', created_at
      from g`.execute(db);
  }
  await sql`analyze messages, message_ids`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from messages where conversation_id = ${input.conversationId}::uuid`.execute(
    db,
  );
  return total.rows[0]?.n ?? 0;
}

/**
 * Adds `count` notifications to `userId`'s inbox, older than the ones it has (one a minute), one
 * in ten already read and one in fifty archived, like an inbox used for months. Returns the total.
 */
export async function addBulkNotifications(
  db: Kysely<DB>,
  input: { userId: string; count: number },
): Promise<number> {
  await sql`
    with oldest as (
      select coalesce(min(created_at), now()) as at from notifications where user_id = ${input.userId}::uuid
    )
    insert into notifications (user_id, type, title, body, link, created_at, read_at, archived_at)
    select ${input.userId}::uuid, 'document.rejected', 'Document à reprendre ' || g, 'Le justificatif est illisible.',
           null, oldest.at - g * interval '1 minute',
           case when g % 10 = 0 then oldest.at else null end,
           case when g % 50 = 0 then oldest.at else null end
    from generate_series(1, ${input.count}::int) g, oldest`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from notifications where user_id = ${input.userId}::uuid`.execute(db);
  return total.rows[0]?.n ?? 0;
}
