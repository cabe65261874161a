// Multi-instance check, for real: two production API processes (apps/api/dist/main.js) on one fresh
// PostgreSQL database and one Redis, behind nginx when it is installed (otherwise called directly).
// Shows that a session opened on one instance works on the other, rate-limit counters are shared,
// a catalogue edit is seen at once by the other instance (cache), a dossier transition is seen at
// once on the other instance's dashboard, a message posted on one instance reaches a WebSocket on
// the other (Redis pub/sub, then PostgreSQL LISTEN/NOTIFY with two more instances without Redis),
// each scheduled job runs once (job_runs), ops/smoke-test.sh passes through the load balancer, and
// SIGTERM stops an instance cleanly while the other keeps serving. Run by .ci/run; exits non-zero
// on any failure.
//
// TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a server where a
// throwaway database is created and dropped. TEST_REDIS_URL (default redis://127.0.0.1:6379): keys
// go under a unique prefix and are deleted at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { WebSocket } from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runId = randomBytes(4).toString('hex');
const dbName = `ft_multi_${runId}`;
const keyPrefix = `ft-multi:${runId}:`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-multi-'));
const admin = { email: `admin-${runId}@multi.financialtracker.fr`, password: `Multi-admin-${runId}-2026` };
const STRICT_MAX = 6;
const children = [];
// Worked example A of spec/simulator-v2.md (packages/domain exports TypeScript, which this script
// cannot import): 7 eligible products, so 7 dossiers.
const WORKED_EXAMPLE_A = {
  SECTOR: 'transport',
  ANNUAL_TURNOVER: 750_000,
  EMPLOYEES: 35,
  OWNS_PREMISES: true,
  PROPERTY_TAX: 10_000,
  PREMISES_USE: 'industrial',
  PREMISES_VACANT_MONTHS: 0,
  UNPAID_INVOICES: 0,
  HAS_ELECTRICITY_CONTRACT: true,
  ELECTRICITY_MWH_PER_YEAR: 120,
  ELECTRICITY_PRICE_PER_MWH: 160,
  HAS_GAS_CONTRACT: false,
  HAS_VEHICLES: true,
  VEHICLE_TYPES: ['truck_over_7_5'],
  HEAVY_VEHICLES: 10,
  FUEL_LITRES_HEAVY_PER_YEAR: 300_000,
  TICPE_ALREADY_CLAIMED: false,
  LONG_DISTANCE_DRIVERS: 10,
  DFS_APPLIED: false,
};

const step = (text) => console.log(`\n== ${text}`);
const pass = (text) => console.log(`ok    ${text}`);
function check(condition, text) {
  if (!condition) throw new Error(`FAILED: ${text}`);
  pass(text);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function databaseUrl(name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(url, text, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

function validSiren() {
  for (;;) {
    const digits = String(randomInt(100_000_000, 999_999_999));
    const sum = [...digits].reduce((total, char, index) => {
      const doubled = index % 2 === 1 ? Number(char) * 2 : Number(char);
      return total + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    if (sum % 10 === 0) return digits;
  }
}

async function waitForReady(base, child, output) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${base} exited early:\n${output()}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${base} never became ready:\n${output()}`);
}

function startChild(name, command, args, env) {
  let output = '';
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  children.push(child);
  return { name, child, output: () => output };
}

async function json(base, urlPath, init = {}) {
  const res = await fetch(`${base}${urlPath}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/**
 * A socket on `socketBase` for `token`'s user, which collects every event it receives; resolves once
 * the server said `realtime.ready`. The Origin is the instance's own PUBLIC_URL, as a browser's is.
 */
async function openSocket(socketBase, token) {
  const socket = new WebSocket(`${socketBase.replace(/^http/, 'ws')}/api/realtime`, {
    headers: { authorization: `Bearer ${token}`, origin: socketBase },
  });
  const received = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no realtime.ready from ${socketBase}`)), 10_000);
    socket.once('error', reject);
    socket.on('unexpected-response', (_req, res) => reject(new Error(`socket refused: ${res.statusCode}`)));
    socket.on('message', () => {
      if (received.some((event) => event.type === 'realtime.ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const waitFor = async (predicate, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = received.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return undefined;
  };
  return { socket, waitFor };
}

/**
 * The client's socket is on `socketBase`; the admin team answers its support conversation through
 * `postBase`. The message must cross from one process to the other within a few seconds.
 */
async function messageCrossesInstances(label, { postBase, socketBase, client, adminHeaders }) {
  const socket = await openSocket(socketBase, client.token);
  try {
    const support = await json(postBase, '/api/conversations/support', {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}` },
      body: '{}',
    });
    check([200, 201].includes(support.status), `support conversation of the client (${support.status})`);
    const id = randomUUID();
    const started = Date.now();
    const sent = await json(postBase, `/api/conversations/${support.body.id}/messages`, {
      method: 'POST',
      headers: adminHeaders,
      body: JSON.stringify({ id, body: `Réponse ${label} ${runId}` }),
    });
    check(sent.status === 201, `admin posted a message on ${postBase} (${sent.status})`);
    const event = await socket.waitFor(
      (e) => e.type === 'message.created' && e.payload?.message?.id === id,
      5_000,
    );
    check(
      event !== undefined,
      `the client's socket on ${socketBase} received message.created via ${label} in ${Date.now() - started} ms`,
    );
  } finally {
    socket.socket.close();
  }
}

/** nginx from the distribution, run in the foreground from a generated config in a temp dir. */
async function startNginx(ports) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => fs.existsSync(candidate));
  if (!nginx) return undefined;
  const port = await freePort();
  const dir = path.join(tmp, 'nginx');
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(tmp, 0o755);
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream api { ${ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_503;
    }
  }
}
`,
  );
  const started = startChild(
    'nginx',
    nginx,
    ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    process.env,
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`nginx exited:\n${started.output()}`);
    try {
      await fetch(`${base}/health`);
      return { base, ...started };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`nginx did not start:\n${started.output()}`);
}

async function main() {
  step('build');
  const build = spawnSync('node', ['scripts/ensure-build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  step(`fresh database ${dbName} and Redis prefix ${keyPrefix}`);
  await onServer(serverUrl, `create database ${dbName}`);
  const [portA, portB] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(dbName),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    DATA_DIR: tmp,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    RATE_LIMIT_ANONYMOUS_MAX: '1000',
    RATE_LIMIT_SENSITIVE_MAX: String(STRICT_MAX),
    JOBS_ENABLED: 'true',
    JOBS_FIRST_RUN_DELAY_MS: '2000',
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
  for (const command of [['migrate'], ['admin:create', '--email', admin.email]]) {
    const run = spawnSync('node', ['apps/api/dist/cli.js', ...command], {
      cwd: root,
      env,
      input: `${admin.password}\n`,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${command[0]} failed: ${run.stderr}${run.stdout}`);
    // admin:create enrols the admin's second factor and prints its secret once.
    const secret = /TOTP secret: ([A-Z2-7]+)/.exec(run.stdout)?.[1];
    if (command[0] === 'admin:create') admin.totpSecret = secret;
  }
  if (!admin.totpSecret) throw new Error('admin:create printed no TOTP secret');
  pass('migrated, admin created (second factor enrolled)');

  step('two API instances');
  const startedAt = new Date();
  const instances = [portA, portB].map((port, index) =>
    startChild(`api-${index + 1}`, 'node', ['apps/api/dist/main.js'], {
      ...env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    }),
  );
  const [a, b] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  await Promise.all(instances.map((instance, i) => waitForReady([a, b][i], instance.child, instance.output)));
  pass(`instance 1 on ${a}, instance 2 on ${b}`);

  step('a session opened on one instance works on the other');
  const signup = await json(a, '/api/auth/signup/client', {
    method: 'POST',
    body: JSON.stringify({
      email: `client-${runId}@multi.financialtracker.fr`,
      password: 'Correct-horse-battery-42',
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Transports Multi SAS',
      siren: validSiren(),
      firstName: 'Julie',
      lastName: 'Bernard',
      phone: '+33 6 12 34 56 78',
    }),
  });
  check(signup.status === 201, `sign-up on instance 1 (${signup.status})`);
  const me = await json(b, '/api/auth/me', { headers: { authorization: `Bearer ${signup.body.token}` } });
  check(me.status === 200 && me.body.user?.id === signup.body.user.id, 'the same user on instance 2');

  step('rate-limit counters are shared');
  const clientIp = `198.51.100.${randomInt(1, 250)}`;
  const statuses = [];
  let last;
  for (let i = 0; i <= STRICT_MAX; i++) {
    // A different e-mail each time, so the per-account lock (5 failures) is not what answers.
    last = await json(i % 2 === 0 ? a : b, '/api/auth/login', {
      method: 'POST',
      headers: { 'x-forwarded-for': clientIp },
      body: JSON.stringify({ email: `nobody-${i}-${runId}@example.fr`, password: 'not-the-password' }),
    });
    statuses.push(last.status);
  }
  console.log(`      sign-in attempts alternating instances: ${statuses.join(' ')}`);
  check(
    statuses.slice(0, STRICT_MAX).every((status) => status === 401) && statuses[STRICT_MAX] === 429,
    `attempt ${STRICT_MAX + 1} is refused although each instance saw at most ${Math.ceil(STRICT_MAX / 2) + 1}`,
  );
  check(
    last?.body?.code === 'RATE_LIMITED' && Number(last.headers.get('retry-after')) > 0,
    `429 RATE_LIMITED with Retry-After: ${last?.headers.get('retry-after')} s`,
  );

  step('a catalogue edit on one instance is seen at once by the other');
  const login = await json(a, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const adminHeaders = { authorization: `Bearer ${login.body.token}` };
  // Admins sign in with a second factor: the current code, as an authenticator app shows it.
  const totpCode = spawnSync('node', ['apps/api/dist/cli.js', 'totp', admin.totpSecret], {
    cwd: root,
    encoding: 'utf8',
  }).stdout.trim();
  const verified = await json(a, '/api/auth/2fa/verify', {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ code: totpCode }),
  });
  check(verified.status === 204, `admin passed the second step (${verified.status})`);
  const productsOn = async (base) => (await json(base, '/api/products')).body.products;
  const [product] = await productsOn(a);
  await productsOn(b);
  const renamed = `${product.name} (${runId})`;
  const patch = await json(a, `/api/admin/products/${product.code}`, {
    method: 'PATCH',
    headers: adminHeaders,
    body: JSON.stringify({ name: renamed }),
  });
  check(patch.status === 200, `admin renamed ${product.code} on instance 1`);
  const seen = (await productsOn(b)).find((p) => p.code === product.code);
  check(seen?.name === renamed, 'instance 2 serves the new name on its next read');

  step("a dossier transition on one instance is on the other instance's dashboard at once");
  const client = { token: signup.body.token };
  const clientHeaders = { authorization: `Bearer ${client.token}` };
  const simulation = await json(a, '/api/simulations', {
    method: 'POST',
    headers: clientHeaders,
    body: JSON.stringify({ answers: WORKED_EXAMPLE_A }),
  });
  const evaluated = await json(a, `/api/simulations/${simulation.body.id}/evaluate`, {
    method: 'POST',
    headers: clientHeaders,
    body: '{}',
  });
  check(evaluated.status === 200, `the client ran a simulation on instance 1 (${evaluated.status})`);
  const pipeline = async () =>
    (await json(b, '/api/dashboard/admin', { headers: adminHeaders })).body.byStatus;
  const before = await pipeline();
  const dossiers = (await json(a, '/api/dossiers', { headers: clientHeaders })).body.items;
  const eligible = dossiers.find((d) => d.status === 'eligible');
  const cancel = await json(a, `/api/dossiers/${eligible?.id}/cancel`, {
    method: 'POST',
    headers: clientHeaders,
    body: JSON.stringify({ reason: 'Vérification multi-instance' }),
  });
  check(cancel.status === 200, `the client cancelled a dossier on instance 1 (${cancel.status})`);
  const after = await pipeline();
  check(
    after.cancelled === (before.cancelled ?? 0) + 1 && after.eligible === before.eligible - 1,
    `instance 2's cached admin dashboard shows it: eligible ${before.eligible} → ${after.eligible}, cancelled ${before.cancelled ?? 0} → ${after.cancelled}`,
  );

  step('a message posted on one instance reaches a socket on the other (Redis pub/sub)');
  await messageCrossesInstances('Redis', { postBase: a, socketBase: b, client, adminHeaders });

  step('each scheduled job runs once across the two instances');
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const runs = await onServer(
    databaseUrl(dbName),
    `select job_name, count(*)::int as runs, count(distinct instance_id)::int as instances,
            bool_and(outcome = 'succeeded') as succeeded
       from job_runs where started_at >= $1 group by job_name order by job_name`,
    [startedAt],
  );
  for (const row of runs) console.log(`      ${row.job_name}: ${row.runs} run(s)`);
  check(runs.length >= 4, `${runs.length} jobs ran`);
  check(
    runs.every((row) => row.runs === 1 && row.succeeded),
    'every job ran exactly once and succeeded',
  );

  step('load balancer');
  const lb = await startNginx([portA, portB]);
  const target = lb?.base ?? a;
  console.log(lb ? `      nginx on ${lb.base}` : '      nginx not installed: checking instance 1 directly');
  const smoke = (label) => {
    const res = spawnSync('bash', ['ops/smoke-test.sh', target], {
      cwd: root,
      env: { ...process.env, SMOKE_EMAIL: admin.email, SMOKE_PASSWORD: admin.password },
      encoding: 'utf8',
    });
    process.stdout.write(res.stdout.replace(/^/gm, '      '));
    check(res.status === 0, `ops/smoke-test.sh ${label} ${res.stderr.trim()}`);
  };
  smoke(`passes against ${lb ? 'the load balancer' : 'instance 1'}`);

  step('SIGTERM stops an instance cleanly; the other keeps serving');
  const [first] = instances;
  const exited = new Promise((resolve) => first.child.once('exit', (code) => resolve(code)));
  first.child.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve('timeout'), 10_000)),
  ]);
  check(code === 0, `instance 1 exited with ${code}`);
  if (lb) smoke('still passes through the load balancer with one instance left');
  else check((await fetch(`${b}/health/ready`)).ok, 'instance 2 still ready');

  step('without Redis: a message crosses two more instances through PostgreSQL LISTEN/NOTIFY');
  const { REDIS_URL: _redis, REDIS_KEY_PREFIX: _prefix, ...withoutRedis } = env;
  const [portC, portD] = [await freePort(), await freePort()];
  const pgInstances = [portC, portD].map((port, index) =>
    startChild(`api-pg-${index + 1}`, 'node', ['apps/api/dist/main.js'], {
      ...withoutRedis,
      // The job check above is done; these two only carry messages.
      JOBS_ENABLED: 'false',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    }),
  );
  const [c, d] = [`http://127.0.0.1:${portC}`, `http://127.0.0.1:${portD}`];
  await Promise.all(
    pgInstances.map((instance, i) => waitForReady([c, d][i], instance.child, instance.output)),
  );
  pass(`instance 3 on ${c}, instance 4 on ${d}, no REDIS_URL`);
  await messageCrossesInstances('LISTEN/NOTIFY', { postBase: c, socketBase: d, client, adminHeaders });
}

async function cleanup() {
  for (const child of children) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
    ),
  );
  await onServer(serverUrl, `drop database if exists ${dbName} with (force)`).catch((error) =>
    console.error(`could not drop ${dbName}: ${error.message}`),
  );
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  fs.rmSync(tmp, { recursive: true, force: true });
}

let failed = false;
try {
  await main();
  console.log('\nmulti-instance check passed');
} catch (error) {
  failed = true;
  console.error(`\n${error instanceof Error ? error.message : error}`);
  for (const child of children) {
    if (child.exitCode !== null && child.exitCode !== 0)
      console.error(`(a child exited with ${child.exitCode})`);
  }
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
