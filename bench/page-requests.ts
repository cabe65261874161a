// API requests per page, as a browser makes them: starts the production build (embedded database,
// demo accounts) on BENCH_PORT (default 5108), signs the demo client in, gives it dossiers and a
// conversation, then loads each page and counts the `/api` requests until the page has been quiet
// for 2 s; also an in-app visit from a dossier to its messages, and a quiet minute on the
// dashboard (the polling that happens while nobody clicks). The limits are lifted so a 429 never
// skews a count. Prints one table; asserts nothing. Used for docs/performance.md.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKED_EXAMPLE_A } from '@ft/domain';
import { chromium, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.BENCH_PORT ?? 5108);
const base = `http://127.0.0.1:${port}`;
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const QUIET_MS = 2000;

async function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn('node', ['apps/api/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      RATE_LIMIT_USER_MAX: '1000000',
      RATE_LIMIT_ANONYMOUS_MAX: '1000000',
      RATE_LIMIT_SENSITIVE_MAX: '1000000',
    },
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become ready');
}

/** Counts `/api` requests (WebSocket upgrades apart) made while `action` runs and until 2 s of quiet. */
async function countRequests(page: Page, action: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  let last = Date.now();
  const listener = (request: { url(): string; method(): string }) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/') || url.pathname === '/api/realtime') return;
    seen.push(`${request.method()} ${url.pathname}`);
    last = Date.now();
  };
  page.on('request', listener);
  await action();
  last = Date.now();
  while (Date.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 200));
  page.off('request', listener);
  return seen;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-page-requests-'));
  const server = await startServer(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const accounts = fs.readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
    const client = accounts.split('\n').find((line) => line.startsWith('client\t'));
    const [, email, password] = client?.split('\t') ?? [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const rows: { page: string; requests: number; detail: string }[] = [];
    const record = (name: string, requests: string[]) => {
      const counts = new Map<string, number>();
      for (const r of requests) counts.set(r, (counts.get(r) ?? 0) + 1);
      const detail = [...counts].map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(', ');
      rows.push({ page: name, requests: requests.length, detail });
    };

    record(
      '/ (visitor)',
      await countRequests(page, () => page.goto(`${base}/`, { waitUntil: 'networkidle' })),
    );
    record(
      '/simulateur (visitor)',
      await countRequests(page, () => page.goto(`${base}/simulateur`, { waitUntil: 'networkidle' })),
    );
    record(
      '/connexion (visitor)',
      await countRequests(page, () => page.goto(`${base}/connexion`, { waitUntil: 'networkidle' })),
    );

    const headers = { origin: base };
    const login = await context.request.post(`${base}/api/auth/login`, {
      data: { email, password },
      headers,
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const created = await context.request.post(`${base}/api/simulations`, {
      data: { answers: WORKED_EXAMPLE_A },
      headers,
    });
    const { id } = (await created.json()) as { id: string };
    await context.request.post(`${base}/api/simulations/${id}/evaluate`, { headers });
    const dossiers = (await (await context.request.get(`${base}/api/dossiers`)).json()) as {
      items: { id: string }[];
    };
    const dossierId = dossiers.items[0]?.id ?? '';
    const conversation = (await (
      await context.request.post(`${base}/api/dossiers/${dossierId}/conversation`, { headers })
    ).json()) as { id: string };

    const pages = [
      '/espace',
      `/dossiers/${dossierId}`,
      `/messages?conversation=${conversation.id}`,
      '/messages',
      '/documents',
      '/agenda',
      '/notifications',
      '/compte',
      '/simulateur',
    ];
    for (const target of pages) {
      const name = target.replace(dossierId, ':id').replace(conversation.id, ':id');
      record(
        `${name} (client, load)`,
        await countRequests(page, () => page.goto(`${base}${target}`, { waitUntil: 'networkidle' })),
      );
    }
    await page.goto(`${base}/dossiers/${dossierId}`);
    await page.waitForLoadState('networkidle');
    record(
      'dossier → its messages (client, in-app)',
      await countRequests(page, () => page.getByRole('button', { name: 'Messages du dossier' }).click()),
    );
    // Page views inside the app (what a person clicking around costs): the header's session and
    // counts are already known, only the new page's own data is asked for.
    for (const link of ['Mes documents', 'Agenda', 'Messages', 'Mon compte', 'Mon espace']) {
      record(
        `→ ${link} (client, in-app)`,
        await countRequests(page, () =>
          page.getByRole('navigation').getByRole('link', { name: link }).click(),
        ),
      );
    }
    await page.goto(`${base}/espace`);
    await page.waitForLoadState('networkidle');
    const idle: string[] = [];
    const onIdle = (request: { url(): string; method(): string }) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/realtime')
        idle.push(`${request.method()} ${url.pathname}`);
    };
    page.on('request', onIdle);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    page.off('request', onIdle);
    record(`/espace idle ${idleSeconds} s (client)`, idle);
    console.table(rows);
    console.log(JSON.stringify(rows));
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
