import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const HSTS = 'max-age=31536000; includeSubDomains; preload';

/**
 * Security headers on every response and CORS limited to an allow-list. The SPA ships no inline
 * script or style, so the CSP can stay strict. HSTS is only meaningful over HTTPS (behind a proxy,
 * `TRUST_PROXY` makes `request.protocol` reflect the client's scheme).
 */
export async function registerSecurity(app: FastifyInstance, options: { corsOrigins: string[] }) {
  // Built once: @fastify/helmet rebuilt this middleware (parsing the CSP) on every request, a
  // measurable share of a small request's CPU (docs/performance.md).
  const securityHeaders = helmet({
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
  // One synchronous hook for both: the scheme is known when the request arrives, and an onSend
  // hook would cost every response a promise (docs/performance.md).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    // API answers carry a client's financial data: no shared proxy or back-forward cache may keep
    // them. Routes that chose a policy (files, feeds) set their own header later, which replaces this.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    securityHeaders(request.raw, reply.raw, () => done());
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
