import type { FastifyInstance } from 'fastify';

/**
 * One JSON line per request (Fastify's default logs two). The path is logged without its query
 * string so that tokens passed there never reach the logs.
 */
export function registerRequestLog(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const queryStart = request.url.indexOf('?');
    request.log.info(
      {
        method: request.method,
        path: queryStart === -1 ? request.url : request.url.slice(0, queryStart),
        route: request.routeOptions.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.actor?.userId ?? null,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      },
      'request',
    );
  });
}
