import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and the metrics every part of the API may update. One registry
 * per process (one API instance): Prometheus scrapes each instance and sums across them.
 * Names follow Prometheus conventions: `_total` counters, `_seconds` durations.
 */
export const registry = new Registry();

// CPU, memory, GC, handles and the event-loop lag (nodejs_eventloop_lag_*), sampled by prom-client.
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers: [registry],
});

export const dbQueries = new Counter({
  name: 'db_queries_total',
  help: 'SQL statements run by the API, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const dbQueryDuration = new Histogram({
  name: 'db_query_duration_seconds',
  help: 'Time the database took to answer a statement',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [registry],
});

export const dbPoolConnections = new Gauge({
  name: 'db_pool_connections',
  help: 'Connections of the PostgreSQL pool by state (server mode only), read at scrape time',
  labelNames: ['state'] as const,
  registers: [registry],
});

/** Open WebSocket connections; the real-time module increments and decrements it. */
export const websocketConnections = new Gauge({
  name: 'websocket_connections',
  help: 'WebSocket connections currently open on this instance',
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'jobs_runs_total',
  help: 'Scheduled job runs on this instance, by job and outcome (succeeded, failed)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'jobs_duration_seconds',
  help: 'Duration of scheduled job runs',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [registry],
});

/** Business events counted where they happen (e.g. `simulation_created`). */
export const businessEvents = new Counter({
  name: 'business_events_total',
  help: 'Business events on this instance, by event',
  labelNames: ['event'] as const,
  registers: [registry],
});

/** Current counts read from the database at scrape time (e.g. dossiers by status). */
export const businessGauge = new Gauge({
  name: 'business_records',
  help: 'Records in the database by kind and state, read at scrape time',
  labelNames: ['kind', 'state'] as const,
  registers: [registry],
});
