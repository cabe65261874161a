import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupClient } from '../../../test/factories';
import { closedPort, deleteKeys, redisSkipReason, testRedisUrl, uniqueKeyPrefix } from '../../../test/redis';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { ConfigError, loadConfig } from '../../config';

const LIMITS = {
  RATE_LIMIT_ANONYMOUS_MAX: '3',
  RATE_LIMIT_USER_MAX: '5',
  RATE_LIMIT_SENSITIVE_MAX: '2',
  RATE_LIMIT_WINDOW: '15m',
};

const login = (t: TestApp, ip = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    payload: { email: 'nobody@example.fr', password: 'wrong-password-123' },
  });

describe('rate limits in memory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(LIMITS);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After and a French problem body past the limit per IP', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await t.app.inject({ url: '/api/products', remoteAddress: '10.0.0.1' });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await t.app.inject({ url: '/api/products', remoteAddress: '10.0.0.1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      title: 'Trop de requêtes',
      detail: 'Trop de requêtes depuis votre adresse. Réessayez dans 15 minutes.',
    });

    const otherIp = await t.app.inject({ url: '/api/products', remoteAddress: '10.0.0.2' });
    expect(otherIp.statusCode).toBe(200);
  });

  it('counts a signed-in person by account, not by address', async () => {
    const person = await signupClient(t.app);
    const statuses: number[] = [];
    // Five requests from three addresses (office, phone, home) spend one budget of five.
    for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.1', '10.0.1.2', '10.0.1.3']) {
      const res = await t.app.inject({ url: '/api/dossiers', headers: person.headers, remoteAddress: ip });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.app.inject({
      url: '/api/dossiers',
      headers: person.headers,
      remoteAddress: '10.0.1.9',
    });
    expect(limited.json().detail).toBe('Trop de requêtes en peu de temps. Réessayez dans 15 minutes.');
    // Colleagues at the same address, and visitors there, are not concerned.
    const colleague = await signupClient(t.app);
    expect(
      (await t.app.inject({ url: '/api/dossiers', headers: colleague.headers, remoteAddress: '10.0.1.1' }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/api/products', remoteAddress: '10.0.1.1' })).statusCode).toBe(200);
  });

  it('counts a made-up session cookie by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        url: '/api/products',
        remoteAddress: '10.0.1.20',
        cookies: { ft_session: `forged-${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('does not count health checks or the SPA', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.app.inject({ url: '/health', remoteAddress: '10.0.0.3' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/health', remoteAddress: '10.0.0.3' })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/health/ready', remoteAddress: '10.0.0.3' })).statusCode).toBe(
        200,
      );
    }
    expect((await t.app.inject({ url: '/api/products', remoteAddress: '10.0.0.3' })).statusCode).toBe(200);
  });

  it('is stricter on sign-in, with its own counter', async () => {
    expect((await login(t, '10.0.0.4')).statusCode).toBe(401);
    expect((await login(t, '10.0.0.4')).statusCode).toBe(401);
    const limited = await login(t, '10.0.0.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    // The general /api budget of that IP is untouched.
    expect((await t.app.inject({ url: '/api/products', remoteAddress: '10.0.0.4' })).statusCode).toBe(200);
  });

  it('is stricter on sign-up, password reset and simulation creation', async () => {
    const routes = [
      { url: '/api/auth/signup/client', payload: {} },
      { url: '/api/auth/signup/expert', payload: {} },
      { url: '/api/auth/password-reset/request', payload: {} },
      { url: '/api/auth/password-reset', payload: {} },
      { url: '/api/simulations', payload: {} },
    ];
    for (const route of routes) {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({ method: 'POST', remoteAddress: '10.0.0.5', ...route });
        statuses.push(res.statusCode);
      }
      expect(statuses[2], route.url).toBe(429);
      expect(statuses.slice(0, 2), route.url).not.toContain(429);
    }
  });
});

describe('rate limit settings', () => {
  it('defaults to per-person and per-address budgets per minute', () => {
    expect(loadConfig({}).rateLimit).toEqual({
      windowMs: 60_000,
      userMax: 600,
      anonymousMax: 400,
      sensitiveMax: 100,
      sensitiveWindowMs: 900_000,
    });
  });

  it('refuses the replaced per-IP variables, naming their successors', () => {
    expect(() => loadConfig({ RATE_LIMIT_MAX: '100' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_MAX: '100' })).toThrow(/RATE_LIMIT_USER_MAX/);
    expect(() => loadConfig({ RATE_LIMIT_STRICT_MAX: '10' })).toThrow(/RATE_LIMIT_SENSITIVE_MAX/);
  });
});

describe('rate limits behind a proxy', () => {
  it('counts the client address from X-Forwarded-For when TRUST_PROXY is set', async () => {
    const t = await createTestApp({ ...LIMITS, TRUST_PROXY: 'true' });
    try {
      const from = (ip: string) =>
        t.app.inject({ url: '/api/products', remoteAddress: '10.1.0.1', headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).statusCode).toBe(200);
      expect((await from('203.0.113.7')).statusCode).toBe(429);
      expect((await from('203.0.113.8')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!testRedisUrl)(`rate limits in Redis (${testRedisUrl ? 'shared' : redisSkipReason})`, () => {
  const url = testRedisUrl ?? '';
  const prefix = uniqueKeyPrefix();
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp({ ...LIMITS, REDIS_URL: url, REDIS_KEY_PREFIX: prefix });
    b = await createTestApp(
      { ...LIMITS, REDIS_URL: url, REDIS_KEY_PREFIX: prefix },
      { database: a.database },
    );
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await deleteKeys(url, prefix);
  });

  it('shares the counters of one IP across two instances', async () => {
    const call = (t: TestApp) => t.app.inject({ url: '/api/products', remoteAddress: '10.2.0.1' });
    expect((await call(a)).statusCode).toBe(200);
    expect((await call(b)).statusCode).toBe(200);
    expect((await call(a)).statusCode).toBe(200);
    const limited = await call(b);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(a)).statusCode).toBe(429);
  });

  it("shares a signed-in person's counter across two instances", async () => {
    const person = await signupClient(a.app);
    const call = (t: TestApp) => t.app.inject({ url: '/api/dossiers', headers: person.headers });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(i % 2 === 0 ? a : b)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('shares the strict sign-in counter too', async () => {
    expect((await login(a, '10.2.0.2')).statusCode).toBe(401);
    expect((await login(b, '10.2.0.2')).statusCode).toBe(401);
    expect((await login(a, '10.2.0.2')).statusCode).toBe(429);
  });
});

describe('rate limits when Redis is down', () => {
  it('keeps serving without limits and logs the outage', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const port = await closedPort();
    const t = await createTestApp(
      { ...LIMITS, REDIS_URL: `redis://127.0.0.1:${port}` },
      { logger: pino({ level: 'error' }, sink) },
    );
    try {
      for (let i = 0; i < 5; i++) {
        const res = await t.app.inject({ url: '/api/products', remoteAddress: '10.3.0.1' });
        expect(res.statusCode).toBe(200);
      }
      await expect.poll(() => lines.join('')).toContain('Redis unreachable: running degraded');
    } finally {
      await t.close();
    }
  });
});
