import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { totpFor } from '../apps/api/src/modules/auth/totp';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** `totpSecret` from admin:create; `trustedDevice`, the cookie of a device it trusted once. */
    admin: { email: string; password: string; totpSecret: string; trustedDevice: string };
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Signs the admin in once with a TOTP code, asking to trust the device: returns that cookie. */
async function trustDevice(baseUrl: string, admin: { email: string; password: string }, secret: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const { token } = (await login.json()) as { token: string };
  const verified = await fetch(`${baseUrl}/api/auth/2fa/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code: totpFor(secret, 'e2e').generate(), rememberDevice: true }),
  });
  const cookie = /ft_trusted_device=([^;]+)/.exec(verified.headers.get('set-cookie') ?? '')?.[1];
  if (verified.status !== 204 || !cookie) throw new Error(`admin second factor: ${verified.status}`);
  return cookie;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become ready:\n${output()}`);
}

/**
 * Starts the production build on a free port with a throwaway embedded database, the way a user
 * runs it. The admin is created first with the CLI (the only way to get one), since the CLI may not
 * open the data directory while the server holds it.
 */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-e2e-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    NODE_ENV: 'test',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    // Jobs run as in production: notification e-mails reach the outbox through one.
    JOBS_ENABLED: 'true',
    // Every spec signs up and logs in from 127.0.0.1: limits stay on, sized for one test run.
    RATE_LIMIT_MAX: '20000',
    RATE_LIMIT_STRICT_MAX: '2000',
  };
  const admin = { email: 'admin@e2e.financialtracker.fr', password: 'E2e-admin-password-2026' };

  const created = spawnSync('node', ['apps/api/dist/cli.js', 'admin:create', '--email', admin.email], {
    cwd: root,
    env,
    input: `${admin.password}\n`,
    encoding: 'utf8',
  });
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}${created.stdout}`);
  const totpSecret = /^TOTP secret: (\w+)$/m.exec(created.stdout)?.[1];
  if (!totpSecret) throw new Error(`admin:create printed no TOTP secret: ${created.stdout}`);

  let log = '';
  const server = spawn('node', ['apps/api/dist/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  await waitForHealth(baseUrl, server, () => log);

  project.provide('baseUrl', baseUrl);
  project.provide('chromiumPath', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  project.provide('admin', {
    ...admin,
    totpSecret,
    trustedDevice: await trustDevice(baseUrl, admin, totpSecret),
  });

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
