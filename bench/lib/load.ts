// One autocannon measurement: a short warm-up (JIT, pools, caches), then the measured run.
import fs from 'node:fs';
import autocannon from 'autocannon';
import type { ApiRequest } from '../scenarios';

export type Measurement = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Transport errors, timeouts and non-2xx answers: a scenario with errors measured nothing. */
  errors: number;
  /**
   * CPU time the server process spent per request (user + system, from /proc). Unlike req/s it
   * barely moves when other work shares the machine, so it is the figure to compare before/after.
   */
  serverCpuMsPerRequest: number | undefined;
};

/** utime + stime of a process in ms, or undefined where /proc is not available. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5), counted from the state field (3): clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export const CONNECTIONS = 10;

export async function measure(
  url: string,
  request: ApiRequest | undefined,
  options: { seconds: number; overallRate?: number; serverPid?: number | undefined },
): Promise<Measurement> {
  const base = {
    url,
    connections: CONNECTIONS,
    method: request?.method ?? 'GET',
    headers: request?.headers ?? {},
    ...(request?.body ? { body: request.body } : {}),
    // A fresh body per request where the scenario asks for one (e.g. a new message id each time).
    ...(request?.freshBody
      ? { requests: [{ setupRequest: (req: object) => ({ ...req, body: request.freshBody?.() }) }] }
      : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  };
  await autocannon({ ...base, duration: 1 });
  const cpuBefore = processCpuMs(options.serverPid);
  const result = await autocannon({ ...base, duration: options.seconds });
  const cpuAfter = processCpuMs(options.serverPid);
  return {
    serverCpuMsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
        ? Number(((cpuAfter - cpuBefore) / result.requests.total).toFixed(3))
        : undefined,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
