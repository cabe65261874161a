// The printed tables: each scenario beside its baseline, then the fixed-rate latencies and the
// start-up figures, each against the target.
import type { Measurement } from './load';
import type { ColdStart, SpaSize } from './startup';

export type Row = {
  scenario: string;
  api: Measurement | undefined;
  baseline: Measurement | undefined;
  apiFixed?: Measurement;
  baselineFixed?: Measurement;
};
export type ModeResult = { mode: string; seconds: number; rows: Row[] };

export const TARGETS = {
  dossierListRatio: 0.5,
  dossierListP99MsAt300: 25,
  healthRatio: 0.8,
  spaFirstLoadGzipBytes: 200 * 1024,
  coldStartMs: 3000,
};

const ratio = (row: Row) =>
  row.api && row.baseline && row.baseline.requestsPerSecond > 0
    ? row.api.requestsPerSecond / row.baseline.requestsPerSecond
    : undefined;

function verdict(row: Row): string {
  const r = ratio(row);
  if (r === undefined) return '';
  if (row.scenario.includes('health')) return r >= TARGETS.healthRatio ? 'ok (≥ 80 %)' : 'MISSED (< 80 %)';
  if (row.scenario.includes('/api/dossiers'))
    return r >= TARGETS.dossierListRatio ? 'ok (≥ 50 %)' : 'MISSED (< 50 %)';
  return '';
}

export function printMode(result: ModeResult) {
  process.stdout.write(`\n${result.mode}: ${result.seconds} s per run, 10 connections\n`);
  console.table(
    result.rows.map((row) => ({
      scenario: row.scenario,
      'api req/s': row.api?.requestsPerSecond,
      'api p50': row.api?.p50Ms,
      'api p99': row.api?.p99Ms,
      'base req/s': row.baseline?.requestsPerSecond,
      'base p50': row.baseline?.p50Ms,
      'base p99': row.baseline?.p99Ms,
      ratio: ratio(row)?.toFixed(2),
      'api cpu ms/req': row.api?.serverCpuMsPerRequest,
      'base cpu ms/req': row.baseline?.serverCpuMsPerRequest,
      target: verdict(row),
      errors: (row.api?.errors ?? 0) + (row.baseline?.errors ?? 0),
    })),
  );
  const fixed = result.rows.filter((row) => row.apiFixed);
  if (fixed.length === 0) return;
  process.stdout.write(
    `${result.mode}: latency at a fixed 300 req/s (target p99 < ${TARGETS.dossierListP99MsAt300} ms)\n`,
  );
  console.table(
    fixed.map((row) => ({
      scenario: row.scenario,
      'api p50': row.apiFixed?.p50Ms,
      'api p99': row.apiFixed?.p99Ms,
      'base p50': row.baselineFixed?.p50Ms,
      'base p99': row.baselineFixed?.p99Ms,
      target: row.apiFixed && row.apiFixed.p99Ms < TARGETS.dossierListP99MsAt300 ? 'ok' : 'MISSED',
      errors: (row.apiFixed?.errors ?? 0) + (row.baselineFixed?.errors ?? 0),
    })),
  );
}

export function printStartup(spa: SpaSize, cold: ColdStart) {
  process.stdout.write('\nStart-up\n');
  console.table([
    {
      measure: 'SPA first-load JS (gzip)',
      value: `${(spa.totalGzipBytes / 1024).toFixed(1)} KB (${spa.files.length} files)`,
      target: spa.totalGzipBytes <= TARGETS.spaFirstLoadGzipBytes ? 'ok (≤ 200 KB)' : 'MISSED (> 200 KB)',
    },
    {
      measure: 'npm start → /health/ready (existing embedded db)',
      value: `${cold.medianMs} ms median of ${cold.runsMs.join(', ')}`,
      target: cold.medianMs < TARGETS.coldStartMs ? 'ok (< 3 s)' : 'MISSED (≥ 3 s)',
    },
  ]);
}
