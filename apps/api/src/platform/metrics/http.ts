import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors';
import { httpRequestDuration, httpRequests, registry } from './metrics';

export type MetricsOptions = {
  /** Bearer token that must accompany a scrape; without it the endpoint does not exist. */
  token: string | undefined;
  /** Read at each scrape, before the registry is serialised (pool stats, counts by status…). */
  refresh: (() => Promise<void>)[];
};

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/**
 * Counts and times every request by route pattern (never the raw URL, whose ids would make one
 * series per dossier), and serves `GET /metrics` to a scraper holding `METRICS_TOKEN`. Served on
 * the public port but protected, so one port and one load-balancer rule suffice; the load balancer
 * should still not route /metrics from the Internet.
 */
export function registerMetrics(app: FastifyInstance, options: MetricsOptions) {
  // Synchronous (done callback): an async hook costs every request a promise.
  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    httpRequests.inc(labels);
    httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  const token = options.token;
  if (!token) return;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!bearerMatches(request, token)) {
      throw new AppError('UNAUTHENTICATED', 401, 'Jeton de métriques manquant ou invalide.', {
        headers: { 'www-authenticate': 'Bearer realm="metrics"' },
      });
    }
    for (const refresh of options.refresh) {
      // A failing source (database down) must not hide the other metrics.
      await refresh().catch((error) => request.log.warn({ err: error }, 'metrics source failed'));
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
