import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('reports liveness with version and uptime on /health and /api/health', async () => {
    for (const url of ['/health', '/api/health']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ status: 'ok', version: 'test' });
      expect(typeof body.uptimeSeconds).toBe('number');
    }
  });

  it('reports readiness when the database answers', async () => {
    const res = await t.app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('returns a request id header, honouring a sane incoming one', async () => {
    const generated = await t.app.inject({ url: '/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'lb-request-12345' } });
    expect(echoed.headers['x-request-id']).toBe('lb-request-12345');
  });
});

describe('error bodies', () => {
  it('answers an unknown API route with a 404 problem body', async () => {
    const res = await t.app.inject({ url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'ROUTE_NOT_FOUND',
      status: 404,
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers malformed JSON with a 400, never a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/anything',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MALFORMED_BODY' });
    expect(res.body).not.toContain('at ');
  });
});

describe('API documentation', () => {
  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/health'].get.responses['200']).toBeDefined();
  });

  it('serves the browsable documentation', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('readiness when the database is gone', () => {
  it('answers 503 naming the database', async () => {
    const broken = await createTestApp();
    await broken.database.close();
    const res = await broken.app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    await broken.app.close();
  });
});

describe('security headers and CORS', () => {
  it('sends a strict CSP and no framework fingerprint', async () => {
    const res = await t.app.inject({ url: '/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("img-src 'self' data: https:");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers CORS only for allow-listed origins', async () => {
    const allowed = await createTestApp({
      CORS_ORIGIN: 'https://app.financialtracker.fr, https://admin.financialtracker.fr',
    });
    try {
      const preflight = (origin: string) =>
        allowed.app.inject({
          method: 'OPTIONS',
          url: '/api/auth/login',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const ok = await preflight('https://app.financialtracker.fr');
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.financialtracker.fr');
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await allowed.close();
    }
  });

  it('refuses to start on a malformed CORS origin', async () => {
    const { loadConfig } = await import('../../config');
    expect(() => loadConfig({ CORS_ORIGIN: 'not a url' })).toThrow(/CORS_ORIGIN/);
  });
});
