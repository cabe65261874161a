import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problemCodeOf } from './error-handler';

/** Query parameters whose values never reach the logs (tokens in links, signed URLs…). */
const SECRET_PARAM = /token|password|secret|key|code|signature|session|auth|jwt|sig/i;

/** The URL with the values of secret-looking query parameters replaced. */
export function loggableUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAM.test(name)) params.set(name, '[redacted]');
  }
  const query = params.toString().replaceAll('%5Bredacted%5D', '[redacted]');
  return query ? `${url.slice(0, queryStart)}?${query}` : url.slice(0, queryStart);
}

/**
 * Which responses are security events: failed sign-ins, locked accounts and throttled IPs, refused
 * access and rate-limit hits. They are logged at warn with `security: true` so an alert or a log
 * query can pick them out.
 */
export function securityEventOf(status: number, code: string | undefined): string | undefined {
  if (status === 401 && code === 'INVALID_CREDENTIALS') return 'login_failed';
  if (status === 429 && code === 'TOO_MANY_ATTEMPTS') return 'login_locked';
  if (status === 429) return 'rate_limited';
  if (status === 403) return 'forbidden';
  return undefined;
}

/** Log levels at which an ordinary request line (info) is not written. */
const ABOVE_INFO = new Set(['warn', 'error', 'fatal', 'silent']);

const userAgentOf = (request: FastifyRequest) => {
  const agent = request.headers['user-agent'];
  return typeof agent === 'string' ? agent.slice(0, 300) : undefined;
};

/**
 * One JSON line per request (Fastify's default logs two): time, request id, method, URL without
 * secrets, route pattern, status, duration, client IP, user agent, user id or `anonymous`. A route
 * whose `logLevel` is above info (the liveness probes) logs only its security events and errors.
 */
export function registerRequestLog(app: FastifyInstance) {
  // Synchronous hooks (done callbacks): an async one costs every request a promise.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const code = problemCodeOf(request);
    const event = securityEventOf(status, code);
    // A route may log at a higher level than the server (the liveness probes): its ordinary lines
    // are then not built at all.
    if (!event && ABOVE_INFO.has(request.log.level)) return done();
    const line = {
      method: request.method,
      url: loggableUrl(request.url),
      route: request.routeOptions.url,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      userId: request.actor?.userId ?? 'anonymous',
      ip: request.ip,
      userAgent: userAgentOf(request),
      ...(code ? { code } : {}),
    };
    if (event) request.log.warn({ ...line, security: true, event }, `security: ${event}`);
    else request.log.info(line, 'request');
    done();
  });
}
