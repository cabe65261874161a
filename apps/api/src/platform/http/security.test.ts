import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { headersOf, securityMiddleware } from './security';

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are exactly the ones helmet writes, read once, on probes, API answers, errors and SPA pages', async () => {
    // What helmet writes on a real response with the API's policy.
    const expected = headersOf(securityMiddleware());
    expect(expected['x-powered-by']).toBeUndefined();
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    for (const url of ['/health', '/api/health', '/api/products', '/api/does-not-exist', '/', '/connexion']) {
      const res = await t.app.inject({ url });
      for (const [name, value] of Object.entries(expected)) {
        expect({ url, name, value: res.headers[name] }).toEqual({ url, name, value });
      }
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('HSTS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('is sent for a year with subdomains and preload when the client came over HTTPS', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains; preload');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('is not sent over plain HTTP', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'http' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores a forged X-Forwarded-Proto when no proxy is trusted', async () => {
    const direct = await createTestApp();
    try {
      const res = await direct.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await direct.close();
    }
  });

  it('keeps the strict CSP on the SPA routes and API errors alike', async () => {
    for (const url of ['/', '/api/does-not-exist']) {
      const csp = String((await t.app.inject({ url })).headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' data: https:");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });
});
