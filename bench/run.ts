// `npm run bench`: the API's production bundle against its baseline, scenario by scenario, on a
// fresh PostgreSQL database and on the embedded engine; then the SPA's first-load JavaScript and
// the cold start of `npm start`. Prints tables, writes bench/results/latest.json. Asserts nothing.
//
// BENCH_SECONDS (default 5) per measurement, BENCH_PG_URL (default the local server),
// BENCH_MODES (default "postgres,embedded"), BENCH_PORT (default 5250; uses the next three too),
// BENCH_ONLY (a substring: run only the matching scenarios), BENCH_PROFILE=1 (the API runs with
// --cpu-prof, profiles in bench/results/profiles), BENCH_SKIP_STARTUP=1 (no SPA/cold-start step).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { DB } from '../apps/api/src/database';
import { MIGRATIONS_DIR } from '../apps/api/src/paths';
import { openDatabase } from '../apps/api/src/platform/db/database';
import { applyMigrations } from '../apps/api/src/platform/db/migrate';
import { measure } from './lib/load';
import { API_MAIN, ROOT, startChild, stopChild, waitForOk } from './lib/processes';
import { type ModeResult, printMode, printStartup, type Row, TARGETS } from './lib/report';
import { type Seeded, seedThroughApi } from './lib/seed';
import { coldStart, spaFirstLoadJs } from './lib/startup';
import { scenarios } from './scenarios';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const pgUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const modes = (process.env.BENCH_MODES ?? 'postgres,embedded').split(',').map((m) => m.trim());
const basePort = Number(process.env.BENCH_PORT ?? 5250);
const only = process.env.BENCH_ONLY;
const selected = scenarios
  .map((scenario, index) => ({ scenario, index }))
  .filter(({ scenario }) => !only || scenario.name.includes(only));
const profileArgs =
  process.env.BENCH_PROFILE === '1'
    ? ['--cpu-prof', '--cpu-prof-dir', path.join(ROOT, 'bench/results/profiles')]
    : [];
const ports = { api: basePort, sql: basePort + 1, fastify: basePort + 2, cold: basePort + 3 };

function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

type Target = { env: Record<string, string>; open: () => ReturnType<typeof openDatabase<DB>> };

/** Runs every scenario against the API, then against the baselines, on one seeded database. */
async function benchMode(mode: string, target: Target): Promise<ModeResult> {
  const database = await target.open();
  await applyMigrations(database.db, MIGRATIONS_DIR);
  const seed: Seeded = await seedThroughApi(database);
  await database.close();

  const rows: Row[] = selected.map(({ scenario }) => ({
    scenario: scenario.name,
    api: undefined,
    baseline: undefined,
  }));

  const api = startChild('node', [...profileArgs, API_MAIN], {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(ports.api),
    LOG_LEVEL: 'warn',
    // autocannon sends thousands of requests from one IP: the per-IP limiter would answer 429.
    RATE_LIMIT_ANONYMOUS_MAX: '100000000',
    RATE_LIMIT_USER_MAX: '100000000',
    ...target.env,
  });
  try {
    await waitForOk(`http://127.0.0.1:${ports.api}/health/ready`, api);
    for (const [i, { scenario }] of selected.entries()) {
      const request = scenario.request(seed);
      const url = `http://127.0.0.1:${ports.api}${request.path}`;
      const row = rows[i];
      if (!row) continue;
      row.api = await measure(url, request, { seconds, serverPid: api.process.pid });
      if (scenario.fixedRate)
        row.apiFixed = await measure(url, request, { seconds, overallRate: scenario.fixedRate });
      process.stdout.write(`  ${mode} api       ${scenario.name}: ${row.api.requestsPerSecond} req/s\n`);
    }
  } finally {
    await stopChild(api);
  }

  const baselineEnv = { ...target.env, BENCH_SEED: JSON.stringify(seed) };
  const sqlServer = startChild('node', ['--import', 'tsx', 'bench/baseline/server.ts'], {
    ...baselineEnv,
    BASELINE: 'sql',
    PORT: String(ports.sql),
  });
  const fastify = startChild('node', ['--import', 'tsx', 'bench/baseline/server.ts'], {
    BASELINE: 'fastify-hello',
    PORT: String(ports.fastify),
  });
  try {
    await waitForOk(`http://127.0.0.1:${ports.fastify}/api/health`, fastify);
    for (const [i, { scenario, index }] of selected.entries()) {
      const row = rows[i];
      if (!row) continue;
      const request = scenario.request(seed);
      const url =
        scenario.baseline === 'fastify-hello'
          ? `http://127.0.0.1:${ports.fastify}/api/health`
          : `http://127.0.0.1:${ports.sql}/baseline/${index}`;
      if (scenario.baseline !== 'fastify-hello') await waitForOk(url, sqlServer);
      row.baseline = await measure(
        url,
        { ...request, headers: {} },
        { seconds, serverPid: (scenario.baseline === 'fastify-hello' ? fastify : sqlServer).process.pid },
      );
      if (scenario.fixedRate)
        row.baselineFixed = await measure(
          url,
          { ...request, headers: {} },
          { seconds, overallRate: scenario.fixedRate },
        );
      process.stdout.write(`  ${mode} baseline  ${scenario.name}: ${row.baseline.requestsPerSecond} req/s\n`);
    }
  } finally {
    await Promise.all([stopChild(sqlServer), stopChild(fastify)]);
  }
  return { mode, seconds, rows };
}

async function postgresTarget(run: (target: Target) => Promise<ModeResult>) {
  const name = `ft_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'server', url: pgUrl, poolSize: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = withDatabase(pgUrl, name);
  try {
    return await run({
      env: { DATABASE_URL: url, DATABASE_POOL_SIZE: '10' },
      open: () => openDatabase<DB>({ kind: 'server', url, poolSize: 2 }),
    });
  } finally {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

async function embeddedTarget(run: (target: Target) => Promise<ModeResult>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-bench-embedded-'));
  try {
    return await run({
      env: { DATA_DIR: dataDir, BASELINE_DATA_DIR: path.join(dataDir, 'pg') },
      open: () => openDatabase<DB>({ kind: 'embedded', dataDir: path.join(dataDir, 'pg') }),
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: ModeResult[] = [];
for (const mode of modes) {
  process.stdout.write(`\n== ${mode}: ${seconds} s per measurement\n`);
  if (mode === 'postgres') results.push(await postgresTarget((t) => benchMode(mode, t)));
  else if (mode === 'embedded') results.push(await embeddedTarget((t) => benchMode(mode, t)));
  else throw new Error(`unknown BENCH_MODES entry: ${mode}`);
}

const skipStartup = process.env.BENCH_SKIP_STARTUP === '1';
const spa = skipStartup ? undefined : spaFirstLoadJs();
const cold = skipStartup ? undefined : await coldStart(ports.cold);

for (const result of results) printMode(result);
if (spa && cold) printStartup(spa, cold);

const report = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
  targets: TARGETS,
  modes: results,
  spaFirstLoadJs: spa,
  coldStart: cold,
};
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write('\nWritten to bench/results/latest.json\n');
