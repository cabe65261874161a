import type { FastifyInstance } from 'fastify';

/**
 * WebSocket close code telling clients the server is restarting and they should reconnect
 * (RFC 6455 registry: 1012 Service Restart). Modules holding sockets close them with it.
 */
export const SERVICE_RESTART_CLOSE_CODE = 1012;

/**
 * Lets a module release what it holds (WebSockets, subscriptions) when the instance shuts down.
 * Runs in Fastify's `preClose`, before the HTTP server stops, so clients told to reconnect are
 * sent to another instance by the load balancer. A failing handler is logged, never blocks the rest.
 */
export function onShutdown(app: FastifyInstance, name: string, handler: () => Promise<void> | void) {
  app.addHook('preClose', async () => {
    try {
      await handler();
    } catch (error) {
      app.log.error({ err: error, handler: name }, 'shutdown handler failed');
    }
  });
}

export type GracefulShutdownDeps = {
  app: FastifyInstance;
  /** In-flight requests get this long to finish; the connections left are then cut. */
  timeoutMs: number;
  stopJobs: () => Promise<void>;
  closeDatabase: () => Promise<void>;
};

/**
 * SIGTERM/SIGINT: stop accepting connections (new requests on kept-alive ones get 503), let
 * in-flight requests finish up to the timeout, stop the scheduler after its running jobs, run the
 * modules' shutdown handlers, then close the database. Resolves with whether everything finished in
 * time.
 */
export async function gracefulShutdown(deps: GracefulShutdownDeps): Promise<{ timedOut: boolean }> {
  const { app } = deps;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    app.log.warn({ timeoutMs: deps.timeoutMs }, 'shutdown timeout: closing the remaining connections');
    app.server.closeAllConnections();
  }, deps.timeoutMs);
  // A kept-alive connection whose last request just finished would hold the server open until the
  // timeout: close connections as soon as they turn idle.
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await Promise.all([app.close(), deps.stopJobs()]);
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
  await deps.closeDatabase();
  return { timedOut };
}
