import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from './errors';
import type { RateLimitSettings } from './rate-limit-config';
import { waitLabel } from './wait-label';

export type RateLimitOptions = RateLimitSettings & {
  /** Shared counters across instances; in-memory per instance without it. */
  redis: Redis | undefined;
  keyPrefix: string;
  /** Routes that get `sensitiveMax` per `sensitiveWindowMs`, e.g. `POST /api/auth/login`. */
  strictRoutes: { method: string; url: string }[];
};

const USER_KEY = 'user:';
const IP_KEY = 'ip:';

const isApi = (request: FastifyRequest) => request.url === '/api' || request.url.startsWith('/api/');

/**
 * Whose budget a request spends: a signed-in person's (their user id, so an office behind one NAT
 * is twenty budgets, and several tabs of one person are one), or a visitor's IP. `request.actor`
 * is only trusted once the session was verified, so a made-up cookie is counted by IP.
 */
export const rateLimitKey = (request: FastifyRequest) =>
  request.actor ? `${USER_KEY}${request.actor.userId}` : `${IP_KEY}${request.ip}`;

/**
 * Limits on the API (the SPA and metrics are not counted; health probes opt out with the
 * plugin's own route option, `config: { rateLimit: false }`). The counters are fixed windows in
 * Redis when configured (shared by every instance), in memory otherwise. The check runs
 * in `preParsing`, after every `onRequest` hook, so the session is resolved; it still runs before
 * the body is parsed or validated, so a flood of bad bodies is counted too. A WebSocket upgrade is
 * one request of its person's budget: a reconnecting tab costs one request, not one per event.
 * When Redis fails, requests pass (skipOnError): a limiter outage must not become an API outage.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions) {
  const sensitive = new Set(options.strictRoutes.map((route) => `${route.method} ${route.url}`));
  // Runs before the plugin's own onRoute hook, so the plugin sees the stricter per-route config.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => sensitive.has(`${method} ${route.url}`))) return;
    route.config = {
      ...route.config,
      rateLimit: { max: options.sensitiveMax, timeWindow: options.sensitiveWindowMs },
    } as typeof route.config;
  });
  await app.register(fastifyRateLimit, {
    global: true,
    hook: 'preParsing',
    keyGenerator: rateLimitKey,
    max: (_request, key) => (key.startsWith(USER_KEY) ? options.userMax : options.anonymousMax),
    timeWindow: options.windowMs,
    ...(options.redis ? { redis: options.redis } : {}),
    nameSpace: `${options.keyPrefix}rate-limit:`,
    skipOnError: true,
    allowList: (request) => !isApi(request),
    addHeadersOnExceeding: {
      'x-ratelimit-limit': true,
      'x-ratelimit-remaining': true,
      'x-ratelimit-reset': true,
    },
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const who = request.actor ? 'en peu de temps' : 'depuis votre adresse';
      return new AppError(
        'RATE_LIMITED',
        429,
        `Trop de requêtes ${who}. Réessayez dans ${waitLabel(seconds)}.`,
        { headers: { 'retry-after': String(seconds) } },
      );
    },
  });
}
