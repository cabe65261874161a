import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Actor } from '../auth/actor';
import { requireActor } from '../auth/guards';
import { AppError } from '../http/errors';
import type { RealtimeHub } from './hub';

/** Close code 1012 "service restart": the browser reconnects (elsewhere) and catches up. */
export const CLOSE_SERVICE_RESTART = 1012;
/** The session behind the socket ended (logout, revocation). */
export const CLOSE_SESSION_ENDED = 4401;
const MAX_FRAME_BYTES = 4096;

export type RealtimeSocketOptions = {
  hub: RealtimeHub;
  /** Origins besides the API's own that may open a socket (PUBLIC_URL, CORS_ORIGIN). */
  allowedOrigins: string[];
  heartbeatMs?: number;
  /** Re-checked at every heartbeat: a socket outlives no logout for long. */
  sessionStillValid: (request: FastifyRequest) => Promise<boolean>;
  /** A frame the browser sent, already parsed as JSON; handlers validate it themselves. */
  onFrame: (actor: Actor, frame: unknown) => Promise<void>;
  onConnectionsChange?: (open: number) => void;
};

/**
 * `GET /api/realtime`: one socket per browser tab, authenticated by the session like any request
 * (the onRequest hook has resolved the actor before the upgrade) and refused from foreign origins,
 * since browsers attach the cookie to cross-site WebSocket handshakes too.
 */
export async function registerRealtimeSocket(app: FastifyInstance, options: RealtimeSocketOptions) {
  const allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  let open = 0;

  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose(done) {
      for (const client of this.websocketServer.clients)
        client.close(CLOSE_SERVICE_RESTART, 'server restarting');
      this.websocketServer.close();
      done();
    },
  });

  app.get(
    '/api/realtime',
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request) => {
        const origin = request.headers.origin;
        if (typeof origin === 'string') {
          const own = `${request.protocol}://${request.host}`;
          if (origin !== own && !allowed.has(origin)) {
            request.log.warn({ security: true, origin }, 'cross-site websocket refused');
            throw new AppError(
              'CSRF_REJECTED',
              403,
              "Cette connexion ne provient pas de l'application FinancialTracker.",
            );
          }
        }
        requireActor(request);
      },
    },
    (socket: WebSocket, request) => {
      const actor = requireActor(request);
      open += 1;
      options.onConnectionsChange?.(open);
      const unsubscribe = options.hub.subscribe(actor.userId, (event) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
      });

      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
        options.sessionStillValid(request).then(
          (valid) => {
            if (!valid) socket.close(CLOSE_SESSION_ENDED, 'session ended');
          },
          (error: unknown) => request.log.warn({ err: error }, 'realtime session check failed'),
        );
      }, heartbeatMs);

      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        let frame: unknown;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          return;
        }
        options.onFrame(actor, frame).catch((error: unknown) => {
          request.log.warn({ err: error }, 'realtime frame failed');
        });
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open -= 1;
        options.onConnectionsChange?.(open);
      });
      socket.send(JSON.stringify({ type: 'realtime.ready', payload: { userId: actor.userId } }));
    },
  );
}
