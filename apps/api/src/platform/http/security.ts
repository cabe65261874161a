import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const HSTS = 'max-age=31536000; includeSubDomains; preload';

/** The API's policy, as helmet writes it: the CSP and the other defaults minus HSTS and COEP. */
export const securityMiddleware = () =>
  helmet({
    contentSecurityPolicy: {
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
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });

/**
 * The headers a helmet middleware writes, read once. With no nonce and no directive computed from
 * the request, helmet writes the same headers on every response, so running it per request (13
 * header writes, each validated by Node) was a fifth of a health check's CPU (docs/performance.md).
 * Read from a real response, so helmet writes them as it would on any answer.
 */
export function headersOf(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  let finished = false;
  middleware(response.req, response, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously: its headers cannot be read once');
  return Object.fromEntries(
    Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]),
  );
}

/**
 * Security headers on every response and CORS limited to an allow-list. The SPA ships no inline
 * script or style, so the CSP can stay strict. HSTS is only meaningful over HTTPS (behind a proxy,
 * `TRUST_PROXY` makes `request.protocol` reflect the client's scheme).
 */
export async function registerSecurity(app: FastifyInstance, options: { corsOrigins: string[] }) {
  const securityHeaders = headersOf(securityMiddleware());
  // One synchronous hook for both: the scheme is known when the request arrives, and an onSend
  // hook would cost every response a promise (docs/performance.md). The headers go to the reply, so
  // a route that sets its own (a file's CSP, a feed's cache policy) replaces them.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    // API answers carry a client's financial data: no shared proxy or back-forward cache may keep
    // them. Routes that chose a policy (files, feeds) set their own header later, which replaces this.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });

  const allowed = new Set(options.corsOrigins);
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
