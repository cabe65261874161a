import type { FastifyInstance, FastifyRequest } from 'fastify';
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
 */
export function registerOriginCheck(
  app: FastifyInstance,
  options: { allowedOrigins: string[]; usesCookie: (request: FastifyRequest) => boolean },
) {
  const allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = originOf(request);
    const ownOrigin = `${request.protocol}://${request.host}`;
    if (origin) {
      if (origin === ownOrigin || allowed.has(origin)) return;
    } else if (!options.usesCookie(request)) {
      return;
    }
    request.log.warn({ security: true, origin: origin ?? null }, 'cross-site request refused');
    throw new AppError(
      'CSRF_REJECTED',
      403,
      "Cette requête ne provient pas de l'application FinancialTracker.",
    );
  });
}
