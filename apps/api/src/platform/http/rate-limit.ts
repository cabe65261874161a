import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from './errors';

export type RateLimitOptions = {
  /** Requests per client IP per window on /api. */
  max: number;
  /** Requests per client IP per window on each sensitive route (separate counter per route). */
  strictMax: number;
  windowMs: number;
  /** Shared counters across instances; in-memory per instance without it. */
  redis: Redis | undefined;
  keyPrefix: string;
  /** Routes that get `strictMax`, e.g. `POST /api/auth/login`. */
  strictRoutes: { method: string; url: string }[];
};

function minutesLabel(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

const isApi = (request: FastifyRequest) => request.url === '/api' || request.url.startsWith('/api/');

/**
 * Per-IP limits on the API (the SPA, health checks and metrics are not counted). The client IP is
 * `request.ip`, which honours `TRUST_PROXY` behind a load balancer. When Redis fails, requests
 * pass (skipOnError): a limiter outage must not become an API outage; the Redis client logs it.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions) {
  const strict = new Set(options.strictRoutes.map((route) => `${route.method} ${route.url}`));
  // Runs before the plugin's own onRoute hook, so the plugin sees the stricter per-route config.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => strict.has(`${method} ${route.url}`))) return;
    route.config = {
      ...route.config,
      rateLimit: { max: options.strictMax, timeWindow: options.windowMs },
    } as typeof route.config;
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: options.max,
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
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError(
        'RATE_LIMITED',
        429,
        `Trop de requêtes depuis votre adresse. Réessayez dans ${minutesLabel(seconds)}.`,
        { headers: { 'retry-after': String(seconds) } },
      );
    },
  });
}
