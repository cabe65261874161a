import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithDossiers } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { websocketConnections } from './metrics';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one series in the Prometheus text format, 0 when absent. */
function seriesValue(text: string, series: string): number {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics endpoint', () => {
  let t: TestApp;
  const scrape = async () => {
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  it('does not exist when no METRICS_TOKEN is configured', async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('refuses a scrape without the right bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, TOKEN]) {
      const res = await t.app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, String(authorization)).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(res.body).not.toContain('http_requests_total');
    }
  });

  it('counts and times requests by method, route pattern and status', async () => {
    const series = 'http_requests_total{method="GET",route="/api/products",status="200"}';
    const before = seriesValue(await scrape(), series);
    await t.app.inject({ url: '/api/products' });
    await t.app.inject({ url: '/api/products' });
    await t.app.inject({ url: '/api/dossiers/00000000-0000-4000-8000-000000000000' });
    const text = await scrape();
    expect(seriesValue(text, series)).toBe(before + 2);
    expect(text).toContain('route="/api/dossiers/:id",status="401"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.5",method="GET",route="\/api\/products",status="200"\} \d+/,
    );
  });

  it('reports database queries, the event-loop lag and the process', async () => {
    const text = await scrape();
    expect(seriesValue(text, 'db_queries_total{outcome="ok"}')).toBeGreaterThan(0);
    expect(text).toMatch(/db_query_duration_seconds_count \d+/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it.runIf(process.env.FT_TEST_DB === 'server')('reports the connection pool on a server', async () => {
    const text = await scrape();
    expect(seriesValue(text, 'db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(text).toContain('db_pool_connections{state="idle"}');
    expect(text).toContain('db_pool_connections{state="waiting"} 0');
  });

  it('exposes the WebSocket gauge other modules set', async () => {
    websocketConnections.inc(3);
    expect(seriesValue(await scrape(), 'websocket_connections')).toBe(3);
    websocketConnections.dec(3);
    expect(seriesValue(await scrape(), 'websocket_connections')).toBe(0);
  });

  it('counts simulations created and dossiers by status, read from the database at scrape time', async () => {
    const simulations = 'business_events_total{event="simulation_created"}';
    const before = await scrape();
    await clientWithDossiers(t.app);
    const after = await scrape();
    expect(seriesValue(after, simulations)).toBe(seriesValue(before, simulations) + 1);
    expect(seriesValue(after, 'business_records{kind="dossier",state="eligible"}')).toBe(
      seriesValue(before, 'business_records{kind="dossier",state="eligible"}') + 7,
    );
    expect(after).toContain('business_records{kind="dossier",state="completed"} 0');
  });

  it('counts scheduled job runs by outcome', async () => {
    const series = 'jobs_runs_total{job="purge-expired-simulations",outcome="succeeded"}';
    const before = seriesValue(await scrape(), series);
    expect(await t.scheduler.runNow('purge-expired-simulations', { force: true })).toBe('succeeded');
    const text = await scrape();
    expect(seriesValue(text, series)).toBe(before + 1);
    expect(text).toContain('jobs_duration_seconds_count{job="purge-expired-simulations"}');
  });
});
