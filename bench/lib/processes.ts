// Child processes the bench starts (the API's production bundle, the baselines) and waits for.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// BENCH_API_MAIN measures another build (e.g. the previous commit's) for a before/after.
export const API_MAIN = process.env.BENCH_API_MAIN ?? path.join(ROOT, 'apps/api/dist/main.js');

export type Child = { process: ChildProcess; output: () => string };

/**
 * Starts a command in its own process group so the whole tree (npm → node) can be stopped. With
 * `logFile`, its stdout (the request log under load: thousands of lines a second) goes to that
 * file instead of through a pipe this process would have to read while it runs the load.
 */
export function startChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { logFile?: string } = {},
): Child {
  const logFd = options.logFile ? fs.openSync(options.logFile, 'w') : undefined;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', logFd ?? 'pipe', 'pipe'],
    detached: true,
  });
  if (logFd !== undefined) fs.closeSync(logFd);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const tail = () => {
    if (!options.logFile) return '';
    const text = fs.readFileSync(options.logFile, 'utf8');
    return text.slice(-4000);
  };
  return { process: child, output: () => `${tail()}${output}` };
}

/** Polls `url` until it answers 200; throws with the child's output if it exits or times out. */
export async function waitForOk(
  url: string,
  child: Child,
  timeoutMs = 30_000,
  intervalMs = 25,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.process.exitCode !== null)
      throw new Error(
        `process exited (${child.process.exitCode}) before ${url} answered:\n${child.output()}`,
      );
    const ok = await fetch(url)
      .then((res) => res.status === 200)
      .catch(() => false);
    if (ok) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output()}`);
}

/** SIGTERM to the process group, SIGKILL after 10 s; resolves once the leader has exited. */
export async function stopChild(child: Child): Promise<void> {
  const pid = child.process.pid;
  if (pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  process.kill(-pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
