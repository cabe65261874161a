// `npm run bench:scaling`: the dossier list (client and expert, first page and a deep keyset page)
// with 1 k, 10 k and 100 k dossiers in the table, then the message history of one conversation
// with 10 k, 100 k and 1 M messages (lib/message-scaling.ts; the 1 M step seeds in ~40 s), on a
// fresh PostgreSQL database. Latency should
// stay flat: the list reads an index range, never the whole table. Prints a table; asserts nothing.
//
// BENCH_PG_URL (default the local server), BENCH_SIZES (default 1000,10000,100000),
// BENCH_REQUESTS per case (default 200), BENCH_EXPLAIN=1 prints the plans at the largest size,
// BENCH_MESSAGE_SIZES (default 10000,100000,1000000), BENCH_SKIP_MESSAGES=1.
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
import { withScope } from '../apps/api/src/platform/db/scoped';
import { addBulkDossiers } from './lib/bulk';
import { injectLatency } from './lib/latency';
import { messageScaling } from './lib/message-scaling';
import { seedThroughApi } from './lib/seed';

const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);

type Party = { role: 'client' | 'expert' | 'admin'; id: string; token: string };

/** The keyset cursor of the row `depth` rows into the party's list, read as the owner. */
async function deepCursor(database: DatabaseHandle<DB>, party: Party, depth: number) {
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

/** The plan of the list query the service sends (dossiers/service.ts), under row-level security. */
async function explain(database: DatabaseHandle<DB>, party: Party) {
  const own =
    party.role === 'client'
      ? sql`where d.client_id = ${party.id}`
      : party.role === 'expert'
        ? sql`where d.id = any(array(select dossier_id from expert_assignments where expert_id = ${party.id} and status in ('proposed', 'accepted')))`
        : sql``;
  const plan = await withScope(database.db, { userId: party.id, role: party.role }, (trx) =>
    sql<{ 'QUERY PLAN': string }>`explain analyze
      select d.*, p.name as product_name from dossiers d join products p on p.code = d.product_code
      ${own} order by d.created_at desc, d.id desc limit 51`.execute(trx),
  );
  const lines = plan.rows.map((r) => r['QUERY PLAN']);
  const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? Number.NaN);
  return { text: lines.join('\n'), executionMs };
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
  const table = [];
  let bulk = 0;
  for (const [step, size] of sizes.entries()) {
    const started = performance.now();
    const total = await addBulkDossiers(database.db, {
      count: size - bulk,
      clientId: seed.client.id,
      expertId: seed.expert.id,
      batch: String(step),
    });
    bulk = size;
    process.stdout.write(`seeded ${total} dossiers in ${Math.round(performance.now() - started)} ms\n`);
    for (const party of parties) {
      const own = party.role === 'admin' ? total : Math.floor(size / 100);
      const cursor = await deepCursor(database, party, Math.max(0, own - 60));
      const first = await injectLatency(app, '/api/dossiers', party.token, requests);
      const deep = cursor
        ? await injectLatency(app, `/api/dossiers?cursor=${cursor}`, party.token, requests)
        : { p50: Number.NaN, p99: Number.NaN };
      table.push({
        dossiers: total,
        list: `${party.role} (${own}+ visible)`,
        'first p50 ms': first.p50,
        'first p99 ms': first.p99,
        'deep p50 ms': deep.p50,
        'deep p99 ms': deep.p99,
        // The database's own time for the first page: unlike the HTTP figures, it does not move
        // when other work shares the machine.
        'sql ms (EXPLAIN ANALYZE)': (await explain(database, party)).executionMs,
      });
    }
    if (process.env.BENCH_EXPLAIN === '1' && step === sizes.length - 1)
      for (const party of parties)
        process.stdout.write(`\n${party.role} list plan:\n${(await explain(database, party)).text}\n`);
  }
  process.stdout.write(`\nDossier list latency, ${requests} sequential requests per cell (app.inject)\n`);
  console.table(table);
  if (process.env.BENCH_SKIP_MESSAGES !== '1') await messageScaling(app, database, seed, requests);
  await app.close();
} finally {
  await database.close();
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
  await admin.close();
}
