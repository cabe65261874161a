// The printed tables: each scenario on the API beside the bare server and the Express stack, with
// the targets; then the fixed-rate latencies and the start-up figures.
import type { Contestant, Row } from './contest';
import type { ColdStart, SpaSize } from './startup';

export type ModeResult = {
  mode: string;
  seconds: number;
  rounds: number;
  rows: Row[];
  /** os.loadavg() (1, 5, 15 min) when the mode started and when it ended. */
  loadAverage: { start: number[]; end: number[] };
};

export const TARGETS = {
  /** Client and expert dossier lists: API ≥ 1.3× Express and ≥ 0.8 of bare. */
  dossierListVsExpress: 1.3,
  dossierListVsBare: 0.8,
  /** Posting a message and reading its history: ≥ 0.8 of both baselines. */
  messagingVsBaselines: 0.8,
  /** Health: ≥ 0.9 of a bare Fastify hello-world. */
  healthVsBare: 0.9,
  dossierListP99MsAt300: 25,
  spaFirstLoadGzipBytes: 200 * 1024,
  coldStartMs: 3000,
};

const ratio = (row: Row, other: Contestant) => {
  const api = row.api?.measured.requestsPerSecond;
  const base = row[other]?.measured.requestsPerSecond;
  return api !== undefined && base ? api / base : undefined;
};

function verdict(row: Row): string {
  const bare = ratio(row, 'bare');
  const express = ratio(row, 'express');
  if (bare === undefined) return '';
  const mark = (ok: boolean, text: string) => `${ok ? 'ok' : 'MISSED'} (${text})`;
  if (row.scenario.includes('health'))
    return mark(bare >= TARGETS.healthVsBare, `bare ≥ ${TARGETS.healthVsBare}`);
  if (row.scenario.includes('/api/dossiers'))
    return mark(
      bare >= TARGETS.dossierListVsBare && (express ?? 0) >= TARGETS.dossierListVsExpress,
      `bare ≥ ${TARGETS.dossierListVsBare}, Express ≥ ${TARGETS.dossierListVsExpress}`,
    );
  if (row.scenario.includes('/messages'))
    return mark(
      bare >= TARGETS.messagingVsBaselines && (express ?? 0) >= TARGETS.messagingVsBaselines,
      `both ≥ ${TARGETS.messagingVsBaselines}`,
    );
  return '';
}

const loads = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

export function printMode(result: ModeResult) {
  process.stdout.write(
    `\n${result.mode}: ${result.seconds} s per run, 10 connections, median of ${result.rounds} rounds; ` +
      `load average ${loads(result.loadAverage.start)} at the start, ${loads(result.loadAverage.end)} at the end\n`,
  );
  console.table(
    result.rows.map((row) => ({
      scenario: row.scenario,
      'api req/s': row.api?.measured.requestsPerSecond,
      'bare req/s': row.bare?.measured.requestsPerSecond,
      'express req/s': row.express?.measured.requestsPerSecond,
      'api/bare': ratio(row, 'bare')?.toFixed(2),
      'api/express': ratio(row, 'express')?.toFixed(2),
      'p99 api/bare/exp': [row.api, row.bare, row.express].map((c) => c?.measured.p99Ms ?? '-').join(' / '),
      'cpu ms/req api/bare/exp': [row.api, row.bare, row.express]
        .map((c) => c?.measured.serverCpuMsPerRequest ?? '-')
        .join(' / '),
      target: verdict(row),
      errors: (['api', 'bare', 'express'] as const).reduce(
        (n, who) => n + (row[who]?.measured.errors ?? 0),
        0,
      ),
    })),
  );
  const fixed = result.rows.filter((row) => row.api?.fixed);
  if (fixed.length === 0) return;
  process.stdout.write(
    `${result.mode}: latency at a fixed 300 req/s (target p99 < ${TARGETS.dossierListP99MsAt300} ms)\n`,
  );
  console.table(
    fixed.map((row) => ({
      scenario: row.scenario,
      'api p50': row.api?.fixed?.p50Ms,
      'api p99': row.api?.fixed?.p99Ms,
      'bare p50 / p99': `${row.bare?.fixed?.p50Ms} / ${row.bare?.fixed?.p99Ms}`,
      'express p50 / p99': `${row.express?.fixed?.p50Ms} / ${row.express?.fixed?.p99Ms}`,
      target: row.api?.fixed && row.api.fixed.p99Ms < TARGETS.dossierListP99MsAt300 ? 'ok' : 'MISSED',
      errors: (['api', 'bare', 'express'] as const).reduce((n, who) => n + (row[who]?.fixed?.errors ?? 0), 0),
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
