// The baseline processes, started by bench/run.ts like the API:
// - BASELINE=sql: a bare node:http server serving every scenario's SQL handler at
//   /baseline/<index>, after the API's session lookup (bearer token → session → caller);
// - BASELINE=express: the same handlers behind the seed guide's Express stack (express.ts);
// - BASELINE=fastify-hello: the bare Fastify hello-world the health endpoint is compared with.
import http from 'node:http';
import Fastify from 'fastify';
import type { Seeded } from '../lib/seed';
import { scenarios } from '../scenarios';
import { openBaselineDatabase } from './database';
import { startExpress } from './express';
import { BaselineRefusal, lookupSession } from './session';

const port = Number(process.env.PORT ?? 0);
const startedAt = Date.now();

async function openDatabase() {
  return openBaselineDatabase(
    process.env.DATABASE_URL
      ? { url: process.env.DATABASE_URL, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) }
      : { dataDir: process.env.BASELINE_DATA_DIR ?? '' },
  );
}

function bare(db: Awaited<ReturnType<typeof openDatabase>>, seed: Seeded) {
  return http.createServer((req, res) => {
    const index = Number(/^\/baseline\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const handler = scenarios[index]?.baseline;
    if (typeof handler !== 'function') {
      res.writeHead(404).end();
      return;
    }
    // Drain any body, as a server must, before answering.
    req.resume();
    req.on('end', () => {
      lookupSession(db, req.headers.authorization)
        .then((caller) => handler(db, seed, caller))
        .then(
          (body) => {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify(body));
          },
          (error: unknown) => {
            if (error instanceof BaselineRefusal) {
              res.writeHead(error.status).end();
              return;
            }
            process.stderr.write(`baseline error: ${String(error)}\n`);
            res.writeHead(500).end();
          },
        );
    });
  });
}

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
  const db = await openDatabase();
  const server =
    process.env.BASELINE === 'express'
      ? startExpress({ db, seed, port, startedAt })
      : bare(db, seed).listen(port, '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close();
    void db.close().then(() => process.exit(0));
  });
}
