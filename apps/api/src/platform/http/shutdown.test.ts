import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulShutdown, onShutdown } from './shutdown';

/** A server with one request that takes `ms` to answer, standing in for a slow upload or report. */
async function serverWithSlowRoute(ms: number, events: string[]) {
  const app = Fastify();
  let started: () => void = () => {};
  const slowStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  app.get('/slow', async () => {
    started();
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push('slow request answered');
    return { done: true };
  });
  onShutdown(app, 'websockets', () => {
    events.push('websockets told to reconnect');
  });
  onShutdown(app, 'broken', () => {
    throw new Error('a failing handler must not stop the shutdown');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, url, slowStarted };
}

const deps = (app: FastifyInstance, events: string[], timeoutMs: number) => ({
  app,
  timeoutMs,
  stopJobs: async () => {
    events.push('jobs stopped');
  },
  closeDatabase: async () => {
    events.push('database closed');
  },
});

let open: FastifyInstance | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, then closes the database', async () => {
    const events: string[] = [];
    const { app, url, slowStarted } = await serverWithSlowRoute(400, events);
    open = app;
    const inFlight = fetch(`${url}/slow`);
    await slowStarted;
    const stopping = gracefulShutdown(deps(app, events, 5_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${url}/slow`, { headers: { connection: 'close' } })).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    expect(await stopping).toEqual({ timedOut: false });
    expect([...events].sort()).toEqual(
      ['websockets told to reconnect', 'jobs stopped', 'slow request answered', 'database closed'].sort(),
    );
    // The database goes last: nothing still running may need it.
    expect(events.at(-1)).toBe('database closed');
    expect(events.indexOf('websockets told to reconnect')).toBeLessThan(
      events.indexOf('slow request answered'),
    );
  });

  it('cuts requests still running after the timeout', async () => {
    const events: string[] = [];
    const { app, url, slowStarted } = await serverWithSlowRoute(10_000, events);
    open = app;
    const inFlight = fetch(`${url}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await slowStarted;
    const startedAt = Date.now();
    expect(await gracefulShutdown(deps(app, events, 300))).toEqual({ timedOut: true });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(await inFlight).toBe('cut');
    expect(events).toContain('database closed');
  });
});
