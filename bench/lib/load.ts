// One autocannon measurement: a short warm-up (JIT, pools, caches), then the measured run.
import autocannon from 'autocannon';
import type { ApiRequest } from '../scenarios';

export type Measurement = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors, timeouts and non-2xx answers: a scenario with errors measured nothing. */
  errors: number;
};

export const CONNECTIONS = 10;

export async function measure(
  url: string,
  request: ApiRequest | undefined,
  options: { seconds: number; overallRate?: number },
): Promise<Measurement> {
  const base = {
    url,
    connections: CONNECTIONS,
    method: request?.method ?? 'GET',
    headers: request?.headers ?? {},
    ...(request?.body ? { body: request.body } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  };
  await autocannon({ ...base, duration: 1 });
  const result = await autocannon({ ...base, duration: options.seconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
