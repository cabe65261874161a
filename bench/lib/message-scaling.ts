// The message-history half of `npm run bench:scaling`: one conversation grown to 1 k, 10 k and
// 100 k messages (BENCH_MESSAGE_SIZES; 1 000 000 seeds in ~40 s); the first page and a page deep in
// the past (a `before=` cursor ~60 messages from the oldest) through the application, and the plan
// of the statement the application sent for each, under the client's scope.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DB } from '../../apps/api/src/database';
import type { DatabaseHandle } from '../../apps/api/src/platform/db/database';
import { encodeCursor } from '../../apps/api/src/platform/db/pagination';
import { addBulkMessages } from './bulk';
import { explainRequest } from './capture';
import { injectLatency } from './latency';
import type { Seeded } from './seed';

export function messageSizes(): number[] {
  return (process.env.BENCH_MESSAGE_SIZES ?? '1000,10000,100000').split(',').filter(Boolean).map(Number);
}

export async function messageScaling(
  app: FastifyInstance,
  database: DatabaseHandle<DB>,
  seed: Seeded,
  requests: number,
  printPlans: boolean,
) {
  const table = [];
  const plans: string[] = [];
  const path = `/api/conversations/${seed.conversation.id}/messages`;
  const existing = await sql<{ n: number }>`
    select count(*)::int as n from messages where conversation_id = ${seed.conversation.id}::uuid`.execute(
    database.db,
  );
  let total = existing.rows[0]?.n ?? 0;
  const sizes = messageSizes();
  const caller = { userId: seed.client.id, role: 'client', token: seed.client.token };
  for (const [step, size] of sizes.entries()) {
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
    const deepPath = `${path}?before=${encodeCursor({ createdAt: position.created_at, id: position.id })}`;
    const first = await injectLatency(app, path, seed.client.token, requests);
    const old = await injectLatency(app, deepPath, seed.client.token, requests);
    const firstPlan = await explainRequest(app, database, caller, path, 'messages');
    const deepPlan = await explainRequest(app, database, caller, deepPath, 'messages');
    table.push({
      messages: total,
      'seed s': Number((seededMs / 1000).toFixed(1)),
      'first p50 / p99 ms': `${first.p50} / ${first.p99}`,
      'deep p50 / p99 ms': `${old.p50} / ${old.p99}`,
      'sql ms first / deep': `${firstPlan.executionMs} / ${deepPlan.executionMs}`,
      'rows read first / deep': `${firstPlan.rowsRead} / ${deepPlan.rowsRead}`,
    });
    if (printPlans && step === sizes.length - 1)
      plans.push(
        `\nhistory, first page, at ${total}:\n${firstPlan.text}`,
        `\nhistory, deep page, at ${total}:\n${deepPlan.text}`,
      );
  }
  process.stdout.write(
    `\nMessage history (one conversation), ${requests} sequential requests per cell (app.inject)\n`,
  );
  console.table(table);
  for (const plan of plans) process.stdout.write(`${plan}\n`);
}
