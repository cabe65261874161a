// The three servers of `npm run bench` and the order they are loaded in. Every scenario is
// measured on the API, the bare node:http server and the Express stack; each cell is the median
// of BENCH_ROUNDS rounds. On a server database the three run side by side and the rounds
// alternate (API, bare, Express, then the next round in another order), so a burst of load from
// another process spreads over all three; the embedded engine allows one process per data
// directory, so there each server runs its rounds in turn.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiRequest, Scenario } from '../scenarios';
import { type Measurement, measure } from './load';
import { API_MAIN, type Child, ROOT, startChild, stopChild, waitForOk } from './processes';

export const CONTESTANTS = ['api', 'bare', 'express'] as const;
export type Contestant = (typeof CONTESTANTS)[number];

export type Cell = { measured: Measurement; fixed?: Measurement | undefined };
export type Row = { scenario: string } & Partial<Record<Contestant, Cell>>;

type Server = { child: Child; base: string; hello?: { child: Child; base: string } };
type Selected = { scenario: Scenario; index: number }[];

const logDir = path.join(ROOT, 'bench/results/logs');

export type ContestOptions = {
  mode: string;
  seconds: number;
  rounds: number;
  ports: { api: number; bare: number; express: number; hello: number };
  env: Record<string, string>;
  seedJson: string;
  profileArgs: string[];
  logLevel: string;
};

async function start(who: Contestant, o: ContestOptions): Promise<Server> {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${o.mode}-${who}.log`);
  const common = { ...o.env, LOG_LEVEL: o.logLevel };
  if (who === 'api') {
    const child = startChild(
      'node',
      [...o.profileArgs, API_MAIN],
      // autocannon sends thousands of requests from one IP: the per-IP limiter would answer 429.
      {
        ...common,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(o.ports.api),
        RATE_LIMIT_USER_MAX: '100000000',
        RATE_LIMIT_ANONYMOUS_MAX: '100000000',
      },
      { logFile },
    );
    const base = `http://127.0.0.1:${o.ports.api}`;
    await waitForOk(`${base}/health/ready`, child);
    return { child, base };
  }
  const port = who === 'bare' ? o.ports.bare : o.ports.express;
  const child = startChild(
    'node',
    [...o.profileArgs, '--import', 'tsx', 'bench/baseline/server.ts'],
    // The Express baseline's own limiter reads RATE_LIMIT_MAX (the API no longer does).
    {
      ...common,
      RATE_LIMIT_MAX: '100000000',
      BENCH_SEED: o.seedJson,
      BASELINE: who === 'bare' ? 'sql' : 'express',
      PORT: String(port),
    },
    { logFile },
  );
  const base = `http://127.0.0.1:${port}`;
  if (who === 'express') {
    await waitForOk(`${base}/api/health`, child);
    return { child, base };
  }
  const hello = startChild('node', ['--import', 'tsx', 'bench/baseline/server.ts'], {
    BASELINE: 'fastify-hello',
    PORT: String(o.ports.hello),
  });
  const helloBase = `http://127.0.0.1:${o.ports.hello}`;
  await waitForOk(`${helloBase}/api/health`, hello);
  // The bare server has no health route: wait until it accepts connections.
  for (let i = 0; i < 400; i++) {
    const up = await fetch(`${base}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { child, base, hello: { child: hello, base: helloBase } };
}

async function stop(server: Server) {
  await Promise.all([stopChild(server.child), server.hello ? stopChild(server.hello.child) : undefined]);
}

/** Where and with which headers a contestant is asked for a scenario. */
function target(who: Contestant, server: Server, scenario: Scenario, index: number, request: ApiRequest) {
  if (who === 'api') return { url: `${server.base}${request.path}`, pid: server.child.process.pid };
  if (scenario.baseline === 'fastify-hello') {
    const hello = who === 'bare' ? server.hello : undefined;
    return {
      url: `${(hello ?? server).base}/api/health`,
      pid: (hello ?? server).child.process.pid,
    };
  }
  return { url: `${server.base}/baseline/${index}`, pid: server.child.process.pid };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Field by field median of several rounds' measurements. */
function medianOf(list: Measurement[]): Measurement {
  const cpu = list.map((m) => m.serverCpuMsPerRequest).filter((v): v is number => v !== undefined);
  return {
    requestsPerSecond: Math.round(median(list.map((m) => m.requestsPerSecond))),
    p50Ms: median(list.map((m) => m.p50Ms)),
    p99Ms: median(list.map((m) => m.p99Ms)),
    errors: list.reduce((sum, m) => sum + m.errors, 0),
    serverCpuMsPerRequest: cpu.length ? Number(median(cpu).toFixed(3)) : undefined,
  };
}

type Samples = Map<string, { measured: Measurement[]; fixed: Measurement[] }>;

async function measureOne(
  samples: Samples,
  who: Contestant,
  server: Server,
  { scenario, index }: Selected[number],
  request: ApiRequest,
  o: ContestOptions,
) {
  const { url, pid } = target(who, server, scenario, index, request);
  const sent = requestFor(who, request);
  const key = `${index}:${who}`;
  const entry = samples.get(key) ?? { measured: [], fixed: [] };
  samples.set(key, entry);
  entry.measured.push(await measure(url, sent, { seconds: o.seconds, serverPid: pid }));
  if (scenario.fixedRate)
    entry.fixed.push(await measure(url, sent, { seconds: o.seconds, overallRate: scenario.fixedRate }));
  process.stdout.write(
    `  ${o.mode} ${who.padEnd(7)} ${scenario.name}: ${entry.measured.at(-1)?.requestsPerSecond} req/s\n`,
  );
}

function pickAuth(headers: Record<string, string> | undefined): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (name === 'authorization' || name === 'content-type') picked[name] = value;
  return picked;
}

/** The request as a contestant gets it: the baselines read the caller from the bearer token alone. */
function requestFor(who: Contestant, request: ApiRequest): ApiRequest {
  return who === 'api' ? request : { ...request, headers: pickAuth(request.headers) };
}

/** An answer's status, and the ids of its `items` in order when it is a list (else undefined). */
async function answerOf(url: string, request: ApiRequest): Promise<{ status: number; ids: unknown }> {
  const response = await fetch(url, { method: request.method, headers: request.headers });
  const body = (await response.json().catch(() => null)) as { items?: { id?: unknown }[] } | null;
  return { status: response.status, ids: body?.items ? body.items.map((item) => item.id) : undefined };
}

/**
 * Before any speed is compared, the API and the bare baseline must answer each read scenario alike
 * (status, and the ids of a list in order): a faster answer that lists other rows, or none, would
 * otherwise pass for a gain.
 */
async function checkSameAnswers(
  selected: Selected,
  requestOf: (scenario: Scenario) => ApiRequest,
  servers: Map<Contestant, Server>,
) {
  const api = servers.get('api');
  const bare = servers.get('bare');
  if (!api || !bare) return;
  for (const { scenario, index } of selected) {
    const request = requestOf(scenario);
    if (request.method !== 'GET' || scenario.baseline === 'fastify-hello') continue;
    const ours = await answerOf(target('api', api, scenario, index, request).url, request);
    const theirs = await answerOf(
      target('bare', bare, scenario, index, request).url,
      requestFor('bare', request),
    );
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      throw new Error(`${scenario.name}: the API and the bare baseline answer differently`);
    const listed = Array.isArray(ours.ids) ? `, ${ours.ids.length} items alike` : '';
    process.stdout.write(`  same answer from the API and bare: ${scenario.name} (${ours.status}${listed})\n`);
  }
}

export async function contest(
  selected: Selected,
  requestOf: (scenario: Scenario) => ApiRequest,
  o: ContestOptions,
  sideBySide: boolean,
): Promise<Row[]> {
  const samples: Samples = new Map();
  if (sideBySide) {
    const servers = new Map<Contestant, Server>();
    try {
      for (const who of CONTESTANTS) servers.set(who, await start(who, o));
      await checkSameAnswers(selected, requestOf, servers);
      for (let round = 0; round < o.rounds; round++) {
        // Rotate the order each round so no contestant always follows the same one.
        const order = CONTESTANTS.map((_, i) => CONTESTANTS[(i + round) % CONTESTANTS.length] as Contestant);
        for (const item of selected)
          for (const who of order) {
            const server = servers.get(who);
            if (server) await measureOne(samples, who, server, item, requestOf(item.scenario), o);
          }
      }
    } finally {
      await Promise.all([...servers.values()].map(stop));
    }
  } else {
    for (const who of CONTESTANTS) {
      const server = await start(who, o);
      try {
        for (let round = 0; round < o.rounds; round++)
          for (const item of selected)
            await measureOne(samples, who, server, item, requestOf(item.scenario), o);
      } finally {
        await stop(server);
      }
    }
  }
  return selected.map(({ scenario, index }) => {
    const row: Row = { scenario: scenario.name };
    for (const who of CONTESTANTS) {
      const entry = samples.get(`${index}:${who}`);
      if (entry?.measured.length)
        row[who] = {
          measured: medianOf(entry.measured),
          fixed: entry.fixed.length ? medianOf(entry.fixed) : undefined,
        };
    }
    return row;
  });
}
