// Sequential latency of one GET through the application (app.inject): no network, no load
// generator, so the figure is the application's and the database's work for one request.
import type { FastifyInstance } from 'fastify';

export async function injectLatency(app: FastifyInstance, url: string, token: string, requests: number) {
  const timings: number[] = [];
  for (let i = 0; i < requests + 10; i++) {
    const started = performance.now();
    const res = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    // The first ten warm the JIT and the caches.
    if (i >= 10) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) =>
    Number((timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p99: at(0.99) };
}
