import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, PASSWORD, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

// Real use against the product's default limits (no RATE_LIMIT_* set). Time is the limiter's
// clock: only `Date` is faked, so the in-memory windows turn over without anyone sleeping.
const OFFICE_IP = '203.0.113.10';
const MINUTE = 60_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { productRateLimits: true });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const startClock = () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
};

/** Calls every client page makes (docs/performance.md), the cheapest so the test stays quick. */
const PAGE_CALLS = [
  '/api/auth/session',
  '/api/dossiers',
  '/api/notifications/unread-count',
  '/api/conversations/unread',
];

describe('the default limits under real use', () => {
  it('lets 20 people behind one office address work hard for a quarter of an hour', async () => {
    const people: Caller[] = [];
    for (let i = 0; i < 20; i++) {
      const signedUp = await signupClient(t.app);
      // Everyone signs in from the office in the same minute, a few typing their password wrong.
      if (i % 4 === 0) {
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: OFFICE_IP,
          payload: { email: signedUp.email, password: 'Not-my-password-1' },
        });
      }
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: OFFICE_IP,
        payload: { email: signedUp.email, password: PASSWORD },
      });
      expect(res.statusCode, `sign-in ${i}`).toBe(200);
      const { token } = res.json() as { token: string };
      people.push({ ...signedUp, token, headers: { authorization: `Bearer ${token}` } });
    }
    startClock();
    const statuses = new Map<number, number>();
    // 15 minutes; each person makes 15 requests a minute (225 in the quarter-hour: a full page
    // load every 20 s at the 5 requests measured, more than anyone sustains) and one person
    // sprints: 200 in one minute.
    for (let minute = 0; minute < 15; minute++) {
      await Promise.all(
        people.map(async (person, index) => {
          const calls = index === 0 && minute === 7 ? 200 : 15;
          for (let n = 0; n < calls; n++) {
            const res = await t.app.inject({
              url: PAGE_CALLS[n % PAGE_CALLS.length],
              headers: person.headers,
              remoteAddress: OFFICE_IP,
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          }
        }),
      );
      vi.setSystemTime(Date.now() + MINUTE);
    }
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(20 * 15 * 15 + 200 - 15);
    expect(statuses.get(429) ?? 0).toBe(0);
    expect(statuses.get(200)).toBe(total);
  }, 400_000);

  it('lets 10 visitors at one address each run the simulator three times', async () => {
    const visitorIp = '203.0.113.20';
    startClock();
    const statuses: number[] = [];
    const call = async (options: InjectOptions) => {
      const res = await t.app.inject({ remoteAddress: visitorIp, ...options });
      statuses.push(res.statusCode);
      return res;
    };
    const runSimulator = async () => {
      await call({ url: '/api/auth/session' });
      await call({ url: '/api/simulator/questions' });
      const created = await call({
        method: 'POST' as const,
        url: '/api/simulations',
        payload: { answers: {} },
      });
      const { id, token } = created.json() as { id: string; token: string };
      const headers = { 'x-simulation-token': token };
      await call({ url: `/api/simulations/${id}`, headers });
      // One save per answered question, as the SPA does.
      for (const [code, value] of Object.entries(WORKED_EXAMPLE_A)) {
        await call({
          method: 'PUT' as const,
          url: `/api/simulations/${id}/answers`,
          headers,
          payload: { answers: { [code]: value } },
        });
      }
      await call({ method: 'POST' as const, url: `/api/simulations/${id}/evaluate`, headers });
      await call({ url: '/api/products' });
    };
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 10 }, () => runSimulator()));
      // A person takes a minute or more to answer the questions.
      vi.setSystemTime(Date.now() + MINUTE);
    }
    expect(statuses.length).toBeGreaterThan(300);
    expect(statuses.filter((status) => status === 429)).toHaveLength(0);
    expect(statuses.filter((status) => status >= 400)).toEqual([]);
  }, 120_000);

  it('refuses an anonymous flood from one address well before 1 000 requests a minute', async () => {
    const floodIp = '203.0.113.30';
    startClock();
    const person = await signupClient(t.app);
    let firstRefused = -1;
    for (let n = 0; n < 1000 && firstRefused < 0; n++) {
      const res = await t.app.inject({ url: '/api/products', remoteAddress: floodIp });
      if (res.statusCode === 429) firstRefused = n;
    }
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThanOrEqual(400);
    const refused = await t.app.inject({ url: '/api/products', remoteAddress: floodIp });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A signed-in person at that same address keeps their own budget.
    const signedIn = await t.app.inject({
      url: '/api/dossiers',
      headers: person.headers,
      remoteAddress: floodIp,
    });
    expect(signedIn.statusCode).toBe(200);
    // The next minute the address is served again.
    vi.setSystemTime(Date.now() + MINUTE);
    expect((await t.app.inject({ url: '/api/products', remoteAddress: floodIp })).statusCode).toBe(200);
  }, 60_000);
});
