// What a visitor downloads before the SPA can run, and how fast `npm start` answers on a database
// that already exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, startChild, stopChild, waitForOk } from './processes';

export type SpaSize = {
  files: { file: string; rawBytes: number; gzipBytes: number }[];
  totalGzipBytes: number;
};

/** The entry script and every modulepreload of index.html, gzipped (level 6, what servers send). */
export function spaFirstLoadJs(distDir = path.join(ROOT, 'apps/web/dist')): SpaSize {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1] ?? '');
  const files = [...new Set(sources)].map((source) => {
    const content = fs.readFileSync(path.join(distDir, source.replace(/^\//, '')));
    return { file: source, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length };
  });
  return { files, totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

export type ColdStart = { runsMs: number[]; medianMs: number };

/**
 * `npm start` exactly as a person types it, on an embedded database created by a first start:
 * the time from spawning npm to the first 200 from /health/ready.
 */
export async function coldStart(port: number, runs = 3): Promise<ColdStart> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-bench-cold-'));
  const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const ready = `http://127.0.0.1:${port}/health/ready`;
  try {
    const first = startChild('npm', ['start'], env);
    await waitForOk(ready, first, 120_000);
    await stopChild(first);
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const child = startChild('npm', ['start'], env);
      runsMs.push(Math.round(await waitForOk(ready, child, 60_000, 10)));
      await stopChild(child);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0 };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
