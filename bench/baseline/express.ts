// The seed guide's stack, the second baseline: Express with helmet (the API's CSP), cors (the
// same allow-list rules), express-rate-limit (per IP, counters in memory), a winston JSON request
// log with the API's fields, the same session lookup and the same SQL as the bare server. Started
// by server.ts with BASELINE=express.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import winston from 'winston';
import type { Seeded } from '../lib/seed';
import { scenarios } from '../scenarios';
import type { BaselineDatabase } from './database';
import { BaselineRefusal, type Caller, lookupSession } from './session';

const CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'https:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

type Locals = { caller: Caller | null; startedAt: bigint };

export function startExpress(options: {
  db: BaselineDatabase;
  seed: Seeded;
  port: number;
  startedAt: number;
}): Server {
  const { db, seed } = options;
  const log = winston.createLogger({
    level: process.env.LOG_LEVEL ?? 'info',
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.Console()],
  });
  const allowed = new Set((process.env.CORS_ORIGIN ?? '').split(',').filter(Boolean));
  const app = express();
  app.use(helmet({ contentSecurityPolicy: CSP, hsts: false, crossOriginEmbedderPolicy: false }));
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    }),
  );
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: Number(process.env.RATE_LIMIT_MAX ?? 100),
      legacyHeaders: true,
      standardHeaders: false,
    }),
  );
  // Request id, then one JSON line per request with the API's fields.
  app.use((req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    const id = randomUUID();
    res.locals.startedAt = process.hrtime.bigint();
    res.setHeader('x-request-id', id);
    res.on('finish', () => {
      log.info('request', {
        reqId: id,
        method: req.method,
        url: req.originalUrl,
        route: req.route?.path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - res.locals.startedAt) / 1e5) / 10,
        userId: res.locals.caller?.userId ?? 'anonymous',
        ip: req.ip,
        userAgent: req.headers['user-agent']?.slice(0, 300),
      });
    });
    next();
  });
  app.use(express.json({ limit: '1mb' }));
  app.use((req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    lookupSession(db, req.headers.authorization).then((caller) => {
      res.locals.caller = caller;
      next();
    }, next);
  });

  app.get('/api/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: 'baseline',
      uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
    });
  });
  app.all('/baseline/:index', (req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    const handler = scenarios[Number(req.params.index)]?.baseline;
    if (typeof handler !== 'function') {
      res.status(404).end();
      return;
    }
    handler(db, seed, res.locals.caller).then((body) => res.json(body), next);
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof BaselineRefusal) {
      res.status(error.status).end();
      return;
    }
    log.error('baseline error', { err: String(error) });
    res.status(500).end();
  });
  return app.listen(options.port, '127.0.0.1');
}
