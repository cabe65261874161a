import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * Cookies ride along with cross-site requests, so a state-changing request that relies on the
 * session cookie must come from one of our own origins. Bearer tokens are not sent by browsers on
 * their own and need no such check.
 *
 * Registered before the routes: it hooks the routes added after it.
 */
export function registerOriginCheck(
  app: FastifyInstance,
  options: { allowedOrigins: string[]; usesCookie: (request: FastifyRequest) => boolean },
) {
  const allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  const check: preHandlerHookHandler = (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    const origin = originOf(request);
    const ownOrigin = `${request.protocol}://${request.host}`;
    if (origin) {
      if (origin === ownOrigin || allowed.has(origin)) return done();
    } else if (!options.usesCookie(request)) {
      return done();
    }
    request.log.warn({ security: true, origin: origin ?? null }, 'cross-site request refused');
    done(
      new AppError('CSRF_REJECTED', 403, "Cette requête ne provient pas de l'application FinancialTracker."),
    );
  };
  // Only routes that change state get the check, first among their own preHandlers: the reads,
  // most of the traffic, no longer run a hook that always let them through (docs/performance.md).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => SAFE_METHODS.has(method))) return;
    const own = route.preHandler;
    route.preHandler = own ? [check, ...(Array.isArray(own) ? own : [own])] : [check];
  });
}
