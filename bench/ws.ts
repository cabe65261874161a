// Real-time load: BENCH_CLIENTS (default 1 000) WebSocket clients on the production build over a
// PostgreSQL database this script creates (and drops), split across BENCH_INSTANCES API processes
// (default 2, so most deliveries cross instances through LISTEN/NOTIFY). Half the clients are
// companies, half their experts, one dossier conversation per pair. Messages are posted over HTTP at
// BENCH_RATE per second (default 20) for BENCH_SECONDS (default 60); each must reach both sockets
// of its conversation exactly once. Prints delivery latency (post → socket) p50/p99 and any lost or
// duplicated delivery. Asserts nothing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { WebSocket } from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const clients = Number(process.env.BENCH_CLIENTS ?? 1000);
const instances = Number(process.env.BENCH_INSTANCES ?? 2);
const rate = Number(process.env.BENCH_RATE ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const pairs = Math.floor(clients / 2);

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitReady(base: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${base} did not become ready`);
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);

/** Accounts, sessions, dossiers with an accepted expert and their conversations, straight in SQL. */
async function seed(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await seedWith(db);
  } finally {
    await db.end();
  }
}

async function seedWith(db: pg.Client) {
  const tokens = Array.from({ length: pairs * 2 }, () => randomBytes(32).toString('base64url'));
  const hashes = tokens.map((t) => createHash('sha256').update(t).digest('hex'));
  const users = await db.query<{ id: string; role: string; n: number }>(
    `insert into users (email, password_hash, role)
     select 'bench-' || n || '@bench.example', 'x', case when n % 2 = 0 then 'client' else 'expert' end
     from generate_series(0, $1::int - 1) n
     returning id, role, split_part(split_part(email, '@', 1), '-', 2)::int as n`,
    [pairs * 2],
  );
  const byN = new Map(users.rows.map((u) => [u.n, u.id]));
  await db.query(
    `insert into client_profiles (user_id, company_name, siren, first_name, last_name, phone)
     select id, 'Bench SAS', lpad((row_number() over ())::text, 9, '0'), 'Client', 'Bench', '+33 1 00 00 00 00' from users where role = 'client'`,
  );
  await db.query(
    `insert into expert_profiles (user_id, firm_name, siren, first_name, last_name, years_of_experience, approval_status, product_codes)
     select id, 'Bench Conseil', lpad((row_number() over ())::text, 9, '0'), 'Expert', 'Bench', 5, 'approved', '{TICPE}' from users where role = 'expert'`,
  );
  const ordered = tokens.map((_, n) => byN.get(n) ?? '');
  await db.query(
    // Approved experts must pass a second factor (#19): their sessions are seeded as having passed it.
    `insert into sessions (user_id, token_hash, expires_at, second_factor_at, second_factor_method)
     select u, h, now() + interval '1 day', now(), 'totp' from unnest($1::uuid[], $2::text[]) as t(u, h)`,
    [ordered, hashes],
  );
  const conversations: string[] = [];
  for (let p = 0; p < pairs; p++) {
    const client = ordered[2 * p];
    const expert = ordered[2 * p + 1];
    const dossier = await db.query<{ id: string }>(
      `insert into dossiers (client_id, product_code, track, estimated_amount_cents, estimate_explanation)
       values ($1, 'TICPE', 'full', 100000, 'bench') returning id`,
      [client],
    );
    const dossierId = dossier.rows[0]?.id;
    await db.query(
      `insert into expert_assignments (dossier_id, expert_id, status, expires_at) values ($1, $2, 'accepted', now() + interval '2 days')`,
      [dossierId, expert],
    );
    const conversation = await db.query<{ id: string }>(
      `insert into conversations (kind, dossier_id) values ('dossier', $1) returning id`,
      [dossierId],
    );
    conversations.push(conversation.rows[0]?.id ?? '');
  }
  return { tokens, conversations };
}

type Pending = {
  sentAt: number;
  respondedAt?: number;
  deliveredAt: number[];
  expected: Set<number>;
  received: Set<number>;
};

async function main() {
  const name = `ft_bench_ws_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  const children: ChildProcess[] = [];
  const sockets: WebSocket[] = [];
  try {
    const build = spawnSync('node', ['scripts/ensure-build.mjs'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
    const bases: string[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const child = spawn('node', ['apps/api/dist/main.js'], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_URL: base,
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: '20',
          MIGRATE_ON_START: i === 0 ? 'true' : 'false',
          JOBS_ENABLED: 'false',
          LOG_LEVEL: 'warn',
        },
      });
      children.push(child);
      await waitReady(base, child);
      bases.push(base);
    }
    const limits = Object.entries(process.env).filter(([name]) => name.startsWith('RATE_LIMIT_'));
    console.log(
      `${instances} instance(s) ready with ${limits.length === 0 ? "the product's default rate limits" : limits.map(([n, v]) => `${n}=${v}`).join(' ')}; seeding ${pairs} conversations…`,
    );
    const { tokens, conversations } = await seed(url);

    const pending = new Map<string, Pending>();
    const latencies: number[] = [];
    let duplicates = 0;
    let unexpected = 0;
    let closedEarly = 0;
    const connectStart = performance.now();
    for (let i = 0; i < tokens.length; i += 50) {
      await Promise.all(
        tokens.slice(i, i + 50).map(
          (token, k) =>
            new Promise<void>((resolve, reject) => {
              const index = i + k;
              const base = bases[index % bases.length] ?? '';
              const socket = new WebSocket(`${base.replace('http', 'ws')}/api/realtime`, {
                headers: { authorization: `Bearer ${token}` },
              });
              socket.on('message', (data) => {
                const event = JSON.parse(data.toString()) as {
                  type: string;
                  payload: { message?: { id: string } };
                };
                if (event.type === 'realtime.ready') {
                  clearTimeout(timer);
                  return resolve();
                }
                if (event.type !== 'message.created') return;
                const id = event.payload.message?.id ?? '';
                const entry = pending.get(id);
                if (!entry?.expected.has(index)) {
                  unexpected += 1;
                  return;
                }
                if (entry.received.has(index)) {
                  duplicates += 1;
                  return;
                }
                entry.received.add(index);
                entry.deliveredAt.push(performance.now());
                latencies.push(performance.now() - entry.sentAt);
              });
              // A refused upgrade (a 429 from the limiter, a 401) or a socket that never becomes
              // ready fails the bench with its reason instead of leaving it waiting for ever.
              const timer = setTimeout(
                () => reject(new Error(`socket ${index} not ready after 30 s`)),
                30_000,
              );
              socket.on('unexpected-response', (_request, response) => {
                clearTimeout(timer);
                reject(new Error(`socket ${index}: upgrade refused with ${response.statusCode}`));
              });
              socket.on('error', (error) => {
                clearTimeout(timer);
                reject(error);
              });
              socket.on('close', () => {
                closedEarly += 1;
              });
              sockets.push(socket);
            }),
        ),
      );
    }
    const connectMs = performance.now() - connectStart;
    console.log(
      `${sockets.length} sockets connected in ${(connectMs / 1000).toFixed(1)} s; sending ${rate}/s for ${seconds} s…`,
    );

    const sendLatencies: number[] = [];
    let sendErrors = 0;
    let sent = 0;
    const total = rate * seconds;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let n = 0; n < total; n++) {
      const due = started + (n * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const pair = n % pairs;
      const senderIndex = 2 * pair + (Math.floor(n / pairs) % 2);
      const id = randomUUID();
      const sentAt = performance.now();
      pending.set(id, {
        sentAt,
        deliveredAt: [],
        expected: new Set([2 * pair, 2 * pair + 1]),
        received: new Set(),
      });
      const base = bases[n % bases.length] ?? '';
      inFlight.push(
        fetch(`${base}/api/conversations/${conversations[pair]}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[senderIndex]}` },
          body: JSON.stringify({ id, body: `bench ${n}` }),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            const entry = pending.get(id);
            if (entry) entry.respondedAt = performance.now();
            sendLatencies.push(performance.now() - sentAt);
            if (res.status === 201) sent += 1;
            else {
              sendErrors += 1;
              pending.delete(id);
            }
          },
          () => {
            sendErrors += 1;
            pending.delete(id);
          },
        ),
      );
    }
    await Promise.all(inFlight);
    const sendSeconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 5000));

    let lost = 0;
    // Fan-out lag: socket delivery measured from the POST's response (negative: the event, sent at
    // commit, beat the HTTP response).
    const lags: number[] = [];
    for (const entry of pending.values()) {
      lost += entry.expected.size - entry.received.size;
      for (const at of entry.deliveredAt)
        if (entry.respondedAt !== undefined) lags.push(at - entry.respondedAt);
    }
    lags.sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);
    sendLatencies.sort((a, b) => a - b);
    const closedDuringRun = closedEarly;
    for (const socket of sockets) socket.close();

    console.log(
      `\nWebSocket fan-out — ${sockets.length} clients, ${instances} instance(s), PostgreSQL LISTEN/NOTIFY`,
    );
    console.table([
      {
        messagesSent: sent,
        achievedRatePerS: +(sent / sendSeconds).toFixed(1),
        sendErrors,
        deliveriesExpected: sent * 2,
        delivered: latencies.length,
        lost,
        duplicated: duplicates,
        unexpected,
        socketsClosedDuringRun: closedDuringRun,
      },
    ]);
    console.table([
      {
        measure: 'POST → socket delivery (ms)',
        p50: +percentile(latencies, 50).toFixed(1),
        p99: +percentile(latencies, 99).toFixed(1),
        max: +(latencies.at(-1) ?? Number.NaN).toFixed(1),
      },
      {
        measure: 'delivery − POST response (ms)',
        p50: +percentile(lags, 50).toFixed(1),
        p99: +percentile(lags, 99).toFixed(1),
        max: +(lags.at(-1) ?? Number.NaN).toFixed(1),
      },
      {
        measure: 'POST response (ms)',
        p50: +percentile(sendLatencies, 50).toFixed(1),
        p99: +percentile(sendLatencies, 99).toFixed(1),
        max: +(sendLatencies.at(-1) ?? Number.NaN).toFixed(1),
      },
    ]);
  } finally {
    for (const socket of sockets) socket.terminate();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r))),
      ),
    );
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
