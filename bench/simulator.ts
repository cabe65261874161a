// Simulator speed: the pure engine (evaluations per second) and POST /api/simulations/:id/evaluate
// over HTTP (requests per second, p50/p99) on the embedded database, or on a PostgreSQL server when
// BENCH_DATABASE_URL is set. Prints figures; asserts nothing.
import type { AddressInfo } from 'node:net';
import {
  EXAMPLE_EVALUATION_DAY as DAY,
  defaultCatalogue,
  WORKED_EXAMPLE_A as EXAMPLE_A,
  evaluate,
} from '@ft/domain';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import type { DB } from '../apps/api/src/database';
import { MIGRATIONS_DIR } from '../apps/api/src/paths';
import { openDatabase } from '../apps/api/src/platform/db/database';
import { applyMigrations } from '../apps/api/src/platform/db/migrate';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function benchEngine() {
  for (let i = 0; i < 5_000; i++) evaluate(defaultCatalogue, EXAMPLE_A, DAY);
  const runs = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) evaluate(defaultCatalogue, EXAMPLE_A, DAY);
  const elapsedNs = Number(process.hrtime.bigint() - start);
  return {
    evaluationsPerSecond: Math.round(runs / (elapsedNs / 1e9)),
    meanMicroseconds: +(elapsedNs / runs / 1000).toFixed(2),
  };
}

async function benchHttp() {
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase<DB>(
    url ? { kind: 'server', url, poolSize: 10 } : { kind: 'embedded', dataDir: undefined },
  );
  await applyMigrations(database.db, MIGRATIONS_DIR);
  const app = await buildApp({
    config: loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        // One client hammering one endpoint: the per-IP limit would measure 429s, not the engine.
        RATE_LIMIT_MAX: '100000000',
        ...(url ? { DATABASE_URL: url } : {}),
      },
      'bench',
    ),
    database,
    logger: pino({ level: 'silent' }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const created = await fetch(`${base}/api/simulations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: EXAMPLE_A }),
  }).then((res) => res.json() as Promise<{ id: string; token: string }>);
  const result = await autocannon({
    url: `${base}/api/simulations/${created.id}/evaluate`,
    method: 'POST',
    headers: { 'x-simulation-token': created.token },
    connections: 10,
    duration: seconds,
  });
  await app.close();
  await sql`select 1`.execute(database.db).catch(() => undefined);
  await database.close();
  return {
    database: database.kind,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const engine = benchEngine();
console.log('Engine (evaluate, worked example A)');
console.table([engine]);
const http = await benchHttp();
console.log(`POST /api/simulations/:id/evaluate — ${seconds} s, 10 connections`);
console.table([http]);
