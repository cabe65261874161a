import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { z } from 'zod';
import { sessionCheckOf } from './actor';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * This GET route may be served from a session the instance resolved lately, without looking it
     * up again; its handler must open its first scope with `actorScope(actor)`, whose statement
     * confirms the session (platform/db/scoped.ts, modules/auth/recent-sessions.ts).
     */
    reusesSession?: boolean;
  }
  interface FastifyInstance {
    /** `GET /path` of every route that reuses sessions, for the tests that walk them. */
    sessionReusingRoutes: string[];
  }
}

/**
 * Fails closed: a successful answer of a route that reused a session, when no statement confirmed
 * that session, becomes a 500 instead of data served on an identity nobody checked.
 */
const requireConfirmedSession: onSendHookHandler = (request, reply, payload, done) => {
  const check = sessionCheckOf(request.actor);
  if (check && !check.confirmed && reply.statusCode < 300) {
    done(new Error(`${request.routeOptions.url} answered without confirming the session it reused`));
    return;
  }
  done(null, payload);
};

/** What such a route may answer besides its own responses, written into its contract. */
const sessionChanged = z
  .null()
  .describe(
    'The session changed since this instance resolved it (signed out, suspended, second factor…): ' +
      'repeat the request at the same URL (browsers do so on their own); the repeat gets the current answer',
  );

/** Call before the routes are registered: checks and equips each route that reuses sessions. */
export function registerSessionReuse(app: FastifyInstance) {
  const routes: string[] = [];
  app.decorate('sessionReusingRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (route.config?.reusesSession !== true) return;
    // Fastify adds a HEAD twin to every GET route: it runs the same handler, so the same check.
    if (route.method !== 'GET' && route.method !== 'HEAD')
      throw new Error(`${route.url}: only GET routes may reuse a session`);
    if (route.method === 'GET') routes.push(`GET ${route.url}`);
    if (route.schema) route.schema.response = { ...(route.schema.response as object), 307: sessionChanged };
    const own = route.onSend ? (Array.isArray(route.onSend) ? route.onSend : [route.onSend]) : [];
    route.onSend = [...own, requireConfirmedSession];
  });
}
