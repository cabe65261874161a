// The message-history half of `npm run bench:scaling`: one conversation grown to 10 k, 100 k and
// 1 M messages (BENCH_MESSAGE_SIZES); the first page and a page deep in the past (a `before=`
// cursor ~60 messages from the oldest) through the application, and the database's own time.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DB } from '../../apps/api/src/database';
import type { DatabaseHandle } from '../../apps/api/src/platform/db/database';
import { encodeCursor } from '../../apps/api/src/platform/db/pagination';
import { withScope } from '../../apps/api/src/platform/db/scoped';
import { addBulkMessages } from './bulk';
import { injectLatency } from './latency';
import type { Seeded } from './seed';

/** 10 k, 100 k and 1 M by default: the 1 M step seeds in ~40 s on the 2-core machine. */
export function messageSizes(): number[] {
  return (process.env.BENCH_MESSAGE_SIZES ?? '10000,100000,1000000').split(',').filter(Boolean).map(Number);
}

/** EXPLAIN ANALYZE of the page query the repository sends (pageMessages), as the client. */
async function explainPage(
  database: DatabaseHandle<DB>,
  seed: Seeded,
  before: { createdAt: Date; id: string } | undefined,
) {
  const plan = await withScope(database.db, { userId: seed.client.id, role: 'client' }, (trx) =>
    sql<{ 'QUERY PLAN': string }>`explain analyze
      select id, conversation_id, sender_id, body, attachment_ids, created_at, edited_at, deleted_at
      from messages where conversation_id = ${seed.conversation.id}::uuid
      ${before ? sql`and (created_at < ${before.createdAt} or (created_at = ${before.createdAt} and id < ${before.id}::uuid))` : sql``}
      order by created_at desc, id desc limit 31`.execute(trx),
  );
  const lines = plan.rows.map((r) => r['QUERY PLAN']);
  return {
    text: lines.join('\n'),
    executionMs: Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? Number.NaN),
  };
}

export async function messageScaling(
  app: FastifyInstance,
  database: DatabaseHandle<DB>,
  seed: Seeded,
  requests: number,
) {
  const table = [];
  const path = `/api/conversations/${seed.conversation.id}/messages`;
  const existing = await sql<{ n: number }>`
    select count(*)::int as n from messages where conversation_id = ${seed.conversation.id}::uuid`.execute(
    database.db,
  );
  let total = existing.rows[0]?.n ?? 0;
  for (const size of messageSizes()) {
    const started = performance.now();
    total = await addBulkMessages(database.db, {
      conversationId: seed.conversation.id,
      senderId: seed.client.id,
      count: Math.max(0, size - total),
    });
    const seededMs = Math.round(performance.now() - started);
    process.stdout.write(`seeded ${total} messages in one conversation in ${seededMs} ms\n`);
    const deep = await sql<{ created_at: Date; id: string }>`
      select created_at, id from messages where conversation_id = ${seed.conversation.id}::uuid
      order by created_at asc, id asc offset 60 limit 1`.execute(database.db);
    const position = deep.rows[0];
    if (!position) throw new Error('message scaling: no deep position');
    const keyset = { createdAt: position.created_at, id: position.id };
    const first = await injectLatency(app, path, seed.client.token, requests);
    const old = await injectLatency(
      app,
      `${path}?before=${encodeCursor(keyset)}`,
      seed.client.token,
      requests,
    );
    table.push({
      messages: total,
      'seed s': Number((seededMs / 1000).toFixed(1)),
      'first p50 ms': first.p50,
      'first p99 ms': first.p99,
      'deep p50 ms': old.p50,
      'deep p99 ms': old.p99,
      'first sql ms': (await explainPage(database, seed, undefined)).executionMs,
      'deep sql ms': (await explainPage(database, seed, keyset)).executionMs,
    });
    if (process.env.BENCH_EXPLAIN === '1')
      process.stdout.write(
        `\ndeep page plan at ${total}:\n${(await explainPage(database, seed, keyset)).text}\n`,
      );
  }
  process.stdout.write(
    `\nMessage history latency (one conversation), ${requests} sequential requests per cell\n`,
  );
  console.table(table);
}
