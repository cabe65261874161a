// `npm run bench:scaling`: deep lists at 1 k, 10 k and 100 k rows, on a fresh PostgreSQL
// database. The dossier list as a client owning 1 % of the dossiers (1 000 at 100 k), an expert
// assigned 1 % and the admin over all of them; the notification inbox of a user with as many
// notifications as there are dossiers; then the message history of one conversation
// (lib/message-scaling.ts). Each case: the first page and a deep keyset page through the
// application (latency), and EXPLAIN ANALYZE of the statement the application sent for it, under
// the caller's row-level-security scope: the database's time and the most rows any scan read.
// Flat is the goal: every page should read about one page of rows. Prints tables and, at the
// largest size, the plans; asserts nothing.
//
// BENCH_PG_URL (default the local server), BENCH_SIZES (default 1000,10000,100000),
// BENCH_REQUESTS per case (default 200), BENCH_PLANS=0 (no plans printed),
// BENCH_MESSAGE_SIZES (default 1000,10000,100000), BENCH_SKIP_MESSAGES=1.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import type { DB } from '../apps/api/src/database';
import { MIGRATIONS_DIR } from '../apps/api/src/paths';
import { type DatabaseHandle, openDatabase } from '../apps/api/src/platform/db/database';
import { applyMigrations } from '../apps/api/src/platform/db/migrate';
import { encodeCursor } from '../apps/api/src/platform/db/pagination';
import { addBulkDossiers, addBulkNotifications } from './lib/bulk';
import { explainRequest, vacuumAnalyze } from './lib/capture';
import { injectLatency } from './lib/latency';
import { messageScaling } from './lib/message-scaling';
import { seedThroughApi } from './lib/seed';

const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const printPlans = process.env.BENCH_PLANS !== '0';

type Party = { role: 'client' | 'expert' | 'admin'; id: string; token: string };

/** The keyset cursor of the row `depth` rows into the party's dossier list, read as the owner. */
async function deepDossierCursor(database: DatabaseHandle<DB>, party: Party, depth: number) {
  const row = await sql<{ created_at: Date; id: string }>`
    select d.created_at, d.id from dossiers d
    where ${
      party.role === 'client'
        ? sql`d.client_id = ${party.id}`
        : party.role === 'expert'
          ? sql`d.id in (select dossier_id from expert_assignments where expert_id = ${party.id} and status in ('proposed', 'accepted'))`
          : sql`true`
    }
    order by d.created_at desc, d.id desc offset ${depth} limit 1`.execute(database.db);
  const position = row.rows[0];
  return position ? encodeCursor({ createdAt: position.created_at, id: position.id }) : undefined;
}

/** The cursor ~60 notifications before the end of the user's inbox (not archived), as the owner. */
async function deepInboxCursor(database: DatabaseHandle<DB>, userId: string) {
  const row = await sql<{ created_at: Date; id: string }>`
    with inbox as (
      select created_at, id, count(*) over () as total from notifications
      where user_id = ${userId} and archived_at is null
    )
    select created_at, id from inbox
    order by created_at desc, id desc offset greatest(0, (select max(total) from inbox) - 60) limit 1`.execute(
    database.db,
  );
  const position = row.rows[0];
  return position ? encodeCursor({ createdAt: position.created_at, id: position.id }) : undefined;
}

const name = `ft_bench_${randomBytes(4).toString('hex')}`;
const admin = await openDatabase({ kind: 'server', url: pgUrl, poolSize: 1 });
await sql`create database ${sql.id(name)}`.execute(admin.db);
const url = new URL(pgUrl);
url.pathname = `/${name}`;
const database = await openDatabase<DB>({ kind: 'server', url: url.toString(), poolSize: 10 });
try {
  await applyMigrations(database.db, MIGRATIONS_DIR);
  const seed = await seedThroughApi(database);
  const app = await buildApp({
    config: loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url.toString(),
        RATE_LIMIT_ANONYMOUS_MAX: '100000000',
        RATE_LIMIT_USER_MAX: '100000000',
      },
      'bench',
    ),
    database,
    logger: pino({ level: 'silent' }),
  });
  await app.ready();
  const parties: Party[] = [
    { role: 'client', ...seed.client },
    { role: 'expert', ...seed.expert },
    { role: 'admin', ...seed.admin },
  ];
  const table: Record<string, string | number>[] = [];
  const plans: string[] = [];
  let bulk = 0;

  /** One case: latency of the first and the deep page, and the plan of each page's statement. */
  const measureCase = async (
    label: { rows: number; list: string },
    party: Party,
    path: string,
    cursor: string | undefined,
    tableName: string,
    last: boolean,
  ) => {
    const deepPath = cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}` : undefined;
    const first = await injectLatency(app, path, party.token, requests);
    const deep = deepPath ? await injectLatency(app, deepPath, party.token, requests) : undefined;
    const caller = { userId: party.id, role: party.role, token: party.token };
    const firstPlan = await explainRequest(app, database, caller, path, tableName);
    const deepPlan = deepPath ? await explainRequest(app, database, caller, deepPath, tableName) : undefined;
    table.push({
      rows: label.rows,
      list: label.list,
      'first p50 / p99 ms': `${first.p50} / ${first.p99}`,
      'deep p50 / p99 ms': deep ? `${deep.p50} / ${deep.p99}` : '-',
      // The database's own time and rows read: unlike the HTTP figures, they do not move when
      // other work shares the machine.
      'sql ms first / deep': `${firstPlan.executionMs} / ${deepPlan?.executionMs ?? '-'}`,
      'rows read first / deep': `${firstPlan.rowsRead} / ${deepPlan?.rowsRead ?? '-'}`,
    });
    if (last && printPlans) {
      plans.push(`\n${label.list}, first page, at ${label.rows}:\n${firstPlan.text}`);
      if (deepPlan) plans.push(`\n${label.list}, deep page, at ${label.rows}:\n${deepPlan.text}`);
    }
  };

  for (const [step, size] of sizes.entries()) {
    const started = performance.now();
    const total = await addBulkDossiers(database.db, {
      count: size - bulk,
      clientId: seed.client.id,
      expertId: seed.expert.id,
      batch: String(step),
    });
    const inbox = await addBulkNotifications(database.db, { userId: seed.client.id, count: size - bulk });
    bulk = size;
    // On a live database autovacuum keeps statistics and the visibility map current after inserts.
    await vacuumAnalyze(database, ['dossiers', 'expert_assignments', 'notifications']);
    process.stdout.write(
      `seeded ${total} dossiers and ${inbox} notifications in ${Math.round(performance.now() - started)} ms\n`,
    );
    const last = step === sizes.length - 1;
    for (const party of parties) {
      const own = party.role === 'admin' ? total : Math.floor(size / 100);
      const cursor = await deepDossierCursor(database, party, Math.max(0, own - 60));
      await measureCase(
        { rows: total, list: `${party.role} dossiers (${own}+ visible)` },
        party,
        '/api/dossiers',
        cursor,
        'dossiers',
        last,
      );
    }
    const client = parties[0];
    if (client)
      await measureCase(
        { rows: inbox, list: `client inbox (${inbox} notifications)` },
        client,
        '/api/notifications',
        await deepInboxCursor(database, client.id),
        'notifications',
        last,
      );
  }
  process.stdout.write(`\nDeep lists, ${requests} sequential requests per cell (app.inject)\n`);
  console.table(table);
  for (const plan of plans) process.stdout.write(`${plan}\n`);
  if (process.env.BENCH_SKIP_MESSAGES !== '1')
    await messageScaling(app, database, seed, requests, printPlans);
  await app.close();
} finally {
  await database.close();
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
  await admin.close();
}
