import { healthSchema, readinessSchema } from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

type HealthDeps = { version: string; startedAt: number; ping: () => Promise<void> };

/** A load balancer's probe is never throttled: answered 429, it would take a healthy instance out. */
const probe = { rateLimit: false } as const;

export const healthRoutes =
  (deps: HealthDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // A load balancer asks every few seconds on every instance: its answers are not worth a line
    // of the request log each (docs/decisions.md). Warnings and errors of the route are still logged.
    const liveness = {
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: healthSchema } },
      config: probe,
      logLevel: 'warn',
    } as const;
    const live = async () => ({
      status: 'ok' as const,
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    });
    app.get('/health', liveness, live);
    app.get('/api/health', liveness, live);

    const readiness = {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
      config: probe,
    };
    for (const url of ['/health/ready', '/api/health/ready']) {
      app.get(url, readiness, async (request, reply) => {
        try {
          await deps.ping();
          return { status: 'ok' as const, database: 'ok' };
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed: database unreachable');
          return reply.status(503).send({ status: 'unavailable' as const, database: 'unreachable' });
        }
      });
    }
  };
