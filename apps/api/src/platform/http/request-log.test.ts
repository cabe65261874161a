import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signupClient, uniqueEmail } from '../../../test/factories';
import { captureLogs } from '../../../test/log-capture';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createLogger } from '../logger';
import { loggableUrl } from './request-log';

const WARN = 40;

describe('request log', () => {
  let t: TestApp;
  const { logger, lines } = captureLogs();
  const requestLines = () => lines.filter((line) => 'status' in line && 'durationMs' in line);
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_SENSITIVE_MAX: '8' }, { logger });
  });
  afterAll(() => t.close());

  it('writes one line per request with who, what, where from, outcome and duration', async () => {
    const before = requestLines().length;
    await t.app.inject({
      url: '/api/products?page=2&token=s3cr3t-value&resetCode=abc',
      remoteAddress: '198.51.100.4',
      headers: { 'user-agent': 'LogTest/1.0' },
    });
    const written = requestLines().slice(before);
    expect(written).toHaveLength(1);
    const line = written[0];
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      url: '/api/products?page=2&token=[redacted]&resetCode=[redacted]',
      route: '/api/products',
      status: 200,
      ip: '198.51.100.4',
      userAgent: 'LogTest/1.0',
      userId: 'anonymous',
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(String(line?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(line?.reqId).toBeTruthy();
    expect(JSON.stringify(lines)).not.toContain('s3cr3t-value');
  });

  it("leaves the load balancer's liveness probes out, and logs every other request, readiness included", async () => {
    const urls = [
      '/health',
      '/api/health',
      '/health/ready',
      '/api/health/ready',
      '/api/products',
      '/api/nowhere',
    ];
    const logged: Record<string, number> = {};
    for (const url of urls) {
      const before = requestLines().length;
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
      logged[url] = requestLines().slice(before).length;
    }
    expect(logged).toEqual({
      '/health': 0,
      '/api/health': 0,
      '/health/ready': 1,
      '/api/health/ready': 1,
      '/api/products': 1,
      '/api/nowhere': 1,
    });
  });

  it('names the signed-in user', async () => {
    const client = await signupClient(t.app);
    await t.app.inject({ url: '/api/auth/me', headers: client.headers });
    const line = requestLines().findLast((entry) => entry.route === '/api/auth/me');
    expect(line).toMatchObject({ userId: client.id, status: 200 });
  });

  it('logs failed sign-ins, locks and refused access as security events at warn', async () => {
    const client = await signupClient(t.app);
    const fail = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: client.email, password: `${PASSWORD}-wrong` },
      });
    for (let i = 0; i < 4; i++) expect((await fail()).statusCode).toBe(401);
    expect((await fail()).statusCode).toBe(429);
    const forbidden = await t.app.inject({ url: '/api/admin/experts', headers: client.headers });
    expect(forbidden.statusCode).toBe(403);

    const security = lines.filter((line) => line.security === true);
    expect(security.filter((line) => line.event === 'login_failed')).toHaveLength(4);
    expect(security.find((line) => line.event === 'login_locked')).toMatchObject({
      level: WARN,
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
    });
    expect(security.find((line) => line.event === 'forbidden')).toMatchObject({
      level: WARN,
      status: 403,
      route: '/api/admin/experts',
      userId: client.id,
    });
    expect(security.every((line) => line.level === WARN)).toBe(true);
  });

  it('logs rate-limit hits as security events', async () => {
    const hit = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.9',
        payload: { email: uniqueEmail('nobody'), password: 'whatever-password' },
      });
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) status = (await hit()).statusCode;
    expect(status).toBe(429);
    expect(lines.findLast((line) => line.event === 'rate_limited')).toMatchObject({
      level: WARN,
      security: true,
      code: 'RATE_LIMITED',
      ip: '198.51.100.9',
    });
  });
});

describe('loggable URLs', () => {
  it.each([
    ['/api/products', '/api/products'],
    ['/reset?token=abc', '/reset?token=[redacted]'],
    ['/x?a=1&api_key=k&password=p', '/x?a=1&api_key=[redacted]&password=[redacted]'],
    ['/verify?', '/verify'],
  ])('%s → %s', (url, expected) => {
    expect(loggableUrl(url)).toBe(expected);
  });
});

describe('log files', () => {
  it('writes JSON lines to a dated file in LOG_DIR', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-logs-'));
    try {
      const logger = createLogger({ level: 'info', pretty: false, logDir: dir });
      logger.info({ probe: 'file-log-test' }, 'hello file');
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      const today = new Date().toISOString().slice(0, 10);
      await expect
        .poll(
          () =>
            fs
              .readdirSync(dir)
              .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
              .join(''),
          { timeout: 5000 },
        )
        .toContain('file-log-test');
      const names = fs.readdirSync(dir);
      expect(
        names.some((name) => name.startsWith(`api-${os.hostname()}.${today}.`) && name.endsWith('.log')),
      ).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
