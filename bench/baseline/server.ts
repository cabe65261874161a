// The baseline process. BASELINE=sql serves every scenario's SQL handler on a bare node:http
// server at /baseline/<index>; BASELINE=fastify-hello is the bare Fastify hello-world the health
// endpoint is compared with. Started by bench/run.ts as its own process, like the API.
import http from 'node:http';
import Fastify from 'fastify';
import type { Seeded } from '../lib/seed';
import { scenarios } from '../scenarios';
import { openBaselineDatabase } from './database';

const port = Number(process.env.PORT ?? 0);
const startedAt = Date.now();

if (process.env.BASELINE === 'fastify-hello') {
  const app = Fastify();
  app.get('/api/health', async () => ({
    status: 'ok',
    version: 'baseline',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  }));
  await app.listen({ port, host: '127.0.0.1' });
} else {
  const seed = JSON.parse(process.env.BENCH_SEED ?? '{}') as Seeded;
  const db = await openBaselineDatabase(
    process.env.DATABASE_URL
      ? { url: process.env.DATABASE_URL, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) }
      : { dataDir: process.env.BASELINE_DATA_DIR ?? '' },
  );
  const server = http.createServer((req, res) => {
    const index = Number(/^\/baseline\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const handler = scenarios[index]?.baseline;
    if (typeof handler !== 'function') {
      res.writeHead(404).end();
      return;
    }
    // Drain any body, as a server must, before answering.
    req.resume();
    req.on('end', () => {
      handler(db, seed).then(
        (body) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          process.stderr.write(`baseline error: ${String(error)}\n`);
          res.writeHead(500).end();
        },
      );
    });
  });
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close();
    void db.close().then(() => process.exit(0));
  });
}
