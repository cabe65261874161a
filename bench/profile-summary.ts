// `npx tsx bench/profile-summary.ts <file.cpuprofile>`: where a CPU profile's time goes, for the
// request-path breakdown in docs/performance.md. Self time by package (the node_modules folder, or
// `api` for the bundle, `node` for Node's internals), then the heaviest functions, then inclusive
// time under chosen frames (a frame's own time plus everything it called).
import fs from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const file = process.argv[2];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [frame-name …]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// PROFILE_SKIP_SECONDS leaves out the start (module loading, migrations check) before the load.
const skipUs = Number(process.env.PROFILE_SKIP_SECONDS ?? 0) * 1e6;
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  elapsed += profile.timeDeltas[i] ?? 0;
  if (elapsed < skipUs) return;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string): string {
  if (!url) return 'native/gc/idle';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/dist/')) return 'api';
  return url;
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
const group = (key: (n: Node) => string) => {
  const sums = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
};

process.stdout.write(`total ${(total / 1e6).toFixed(2)} s sampled\n\nself time by package\n`);
for (const [name, us] of group((n) => packageOf(n.callFrame.url)).slice(0, 25))
  process.stdout.write(`  ${pct(us).padStart(7)}  ${name}\n`);
process.stdout.write('\nself time by function\n');
for (const [name, us] of group(
  (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${packageOf(n.callFrame.url)}:${n.callFrame.lineNumber}`,
).slice(0, 40))
  process.stdout.write(`  ${pct(us).padStart(7)}  ${name}\n`);

// Inclusive time: a sample counts for a frame name if that name is anywhere on its stack.
const names = process.argv.slice(3);
if (names.length) {
  process.stdout.write('\ninclusive time\n');
  for (const name of names) {
    let us = 0;
    for (const [id, t] of self) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)?.callFrame.functionName === name) {
          us += t;
          break;
        }
      }
    }
    process.stdout.write(`  ${pct(us).padStart(7)}  ${name}\n`);
  }
}

// Who calls the heaviest native frames (socket and file writes): the first frames above them.
const busy = total - (group((n) => n.callFrame.functionName).find(([name]) => name === '(idle)')?.[1] ?? 0);
process.stdout.write(
  `\nbusy (not idle) ${(busy / 1e6).toFixed(2)} s; callers of native writes, share of busy time\n`,
);
for (const target of ['writev', 'writeBuffer', 'writeString']) {
  const callers = new Map<string, number>();
  for (const [id, t] of self) {
    if (byId.get(id)?.callFrame.functionName !== target) continue;
    const chain: string[] = [];
    // The first frames outside Node's own code: who asked for the write (pg, fastify, pino…).
    for (let cur = parent.get(id); cur !== undefined && chain.length < 3; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame && packageOf(frame.url) !== 'node')
        chain.push(`${frame.functionName || '(anon)'}@${packageOf(frame.url)}`);
    }
    const key = chain.join(' < ');
    callers.set(key, (callers.get(key) ?? 0) + t);
  }
  for (const [chain, t] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 5))
    process.stdout.write(`  ${((100 * t) / busy).toFixed(1).padStart(5)} %  ${target} < ${chain}\n`);
}

// The request path's parts (docs/performance.md): self time by package, grouped; native socket
// writes are split by who asked for them (the driver's statements or the response).
const CATEGORIES: [string, RegExp][] = [
  [
    'database driver (pg, its socket writes)',
    /^(pg|pg-protocol|pg-pool|pg-types|postgres-date|postgres-array|postgres-interval)$/,
  ],
  ['query builder (kysely)', /^kysely$/],
  [
    'validation and serialisation (zod, fastify-type-provider-zod, fast-json-stringify)',
    /^(zod|fastify-type-provider-zod|fast-json-stringify)$/,
  ],
  ['logging (pino, sonic-boom)', /^(pino|sonic-boom|@pinojs\/redact|pino-std-serializers|fast-redact)$/],
  ['metrics (prom-client)', /^prom-client$/],
  ['rate limiter (@fastify/rate-limit)', /^@fastify\/rate-limit$/],
  ['security headers, CORS (helmet, @fastify/cors)', /^(helmet|@fastify\/cors)$/],
  ['framework (fastify, find-my-way, light-my-request)', /^(fastify|find-my-way|avvio|@fastify\/.*)$/],
  ['application code (the bundle)', /^api$/],
  ['Node (http, net, timers)', /^node$/],
];
const writers: [string, RegExp][] = [
  ['database driver (pg, its socket writes)', /@pg(-protocol)?$/],
  ['response socket writes', /@fastify$/],
  ['logging (pino, sonic-boom)', /@(sonic-boom|pino)$/],
];
const categoryOf = (node: Node): string => {
  const name = node.callFrame.functionName;
  if (name === '(idle)' || name === '(program)') return 'idle';
  if (name === '(garbage collector)') return 'garbage collection';
  const pkg = packageOf(node.callFrame.url);
  if (pkg === 'native/gc/idle') {
    for (let cur = parent.get(node.id); cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur);
      if (!frame || packageOf(frame.callFrame.url) === 'node') continue;
      const caller = `${frame.callFrame.functionName}@${packageOf(frame.callFrame.url)}`;
      return writers.find(([, re]) => re.test(caller))?.[0] ?? 'other native';
    }
    return 'other native';
  }
  return CATEGORIES.find(([, re]) => re.test(pkg))?.[0] ?? `other (${pkg})`;
};
process.stdout.write('\nrequest path by part, share of busy time\n');
for (const [name, us] of group(categoryOf).filter(([name]) => name !== 'idle'))
  process.stdout.write(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}\n`);
