// `npm run bench`: the API's production bundle against its two baselines (the bare node:http
// server and the seed guide's Express stack, both with the API's session lookup and SQL),
// scenario by scenario, on a fresh PostgreSQL database and on the embedded engine; then the SPA's
// first-load JavaScript and the cold start of `npm start`. Prints tables, writes
// bench/results/latest.json. Asserts nothing.
//
// BENCH_SECONDS (default 5) per measurement, BENCH_ROUNDS (default 3; each cell is the median),
// BENCH_PG_URL (default the local server), BENCH_MODES (default "postgres,embedded"), BENCH_PORT
// (default 5250; uses the next four too), BENCH_ONLY (a substring: run only the matching
// scenarios), BENCH_PROFILE=1 (the API and the baselines run with --cpu-prof, one profile per process in
// bench/results/profiles),
// BENCH_LOG_LEVEL (default info, for the API and Express alike: the request log is part of the
// cost), BENCH_SKIP_STARTUP=1 (no SPA/cold-start step).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { DB } from '../apps/api/src/database';
import { MIGRATIONS_DIR } from '../apps/api/src/paths';
import { openDatabase } from '../apps/api/src/platform/db/database';
import { applyMigrations } from '../apps/api/src/platform/db/migrate';
import { contest } from './lib/contest';
import { ROOT } from './lib/processes';
import { type ModeResult, printMode, printStartup, TARGETS } from './lib/report';
import { type Seeded, seedThroughApi } from './lib/seed';
import { coldStart, spaFirstLoadJs } from './lib/startup';
import { scenarios } from './scenarios';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
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
const ports = {
  api: basePort,
  bare: basePort + 1,
  hello: basePort + 2,
  cold: basePort + 3,
  express: basePort + 4,
};

function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

type Target = { env: Record<string, string>; open: () => ReturnType<typeof openDatabase<DB>> };

/** Seeds one database, then loads every scenario on the API and both baselines. */
async function benchMode(mode: string, target: Target): Promise<ModeResult> {
  const loadAtStart = os.loadavg();
  const database = await target.open();
  await applyMigrations(database.db, MIGRATIONS_DIR);
  const seed: Seeded = await seedThroughApi(database);
  await database.close();
  const rows = await contest(
    selected,
    (scenario) => scenario.request(seed),
    {
      mode,
      seconds,
      rounds,
      ports,
      env: target.env,
      seedJson: JSON.stringify(seed),
      profileArgs,
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    mode === 'postgres',
  );
  return { mode, seconds, rounds, rows, loadAverage: { start: loadAtStart, end: os.loadavg() } };
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

// Measure what the sources say, not a stale bundle (BENCH_API_MAIN measures another build as is).
if (!process.env.BENCH_API_MAIN) {
  const build = spawnSync('node', ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

const results: ModeResult[] = [];
for (const mode of modes) {
  process.stdout.write(
    `\n== ${mode}: ${seconds} s per measurement, ${rounds} rounds, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
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
