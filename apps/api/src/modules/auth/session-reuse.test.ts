import Fastify from 'fastify';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Caller, createAdmin, login } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import type { DB } from '../../database';
import { attachSessionCheck } from '../../platform/auth/actor';
import { registerSessionReuse } from '../../platform/auth/reused-session';
import { hashToken } from '../../platform/auth/tokens';
import { dossierWithParties, openDossierConversation } from '../messaging/messaging-fixtures';
import { authRepository } from './repository';

// Two instances of one deployment over one database: what one instance changes, the other must
// honour on its very next request, although it reuses sessions it resolved earlier.
let t: TestApp;
let other: TestApp;
let admin: Caller;
let parties: { client: Caller; expert: Caller; dossierId: string; conversationId: string };
beforeAll(async () => {
  t = await createTestApp();
  other = await createTestApp({}, { database: t.database });
  admin = await createAdmin(t);
  const { client, expert, dossierId } = await dossierWithParties(t, admin);
  const conversation = await openDossierConversation(t, client, dossierId);
  parties = { client, expert, dossierId, conversationId: conversation.id };
});
afterAll(async () => {
  await other.close();
  await t.close();
});

/** Every route that reuses sessions, with a URL its parties may read. A new one must be added here. */
const readable: Record<string, () => string> = {
  'GET /api/dossiers': () => '/api/dossiers?limit=5',
  'GET /api/conversations/:id/messages': () =>
    `/api/conversations/${parties.conversationId}/messages?limit=5`,
};
const routes = Object.keys(readable);
function urlOf(route: string): string {
  const url = readable[route];
  if (!url) throw new Error(`no readable URL for ${route}`);
  return url();
}

const get = (app: TestApp, caller: Caller, url: string) => app.app.inject({ url, headers: caller.headers });
/** As a browser does: follows the 307 a changed session is answered with. */
async function browse(app: TestApp, caller: Caller, url: string) {
  let res = await get(app, caller, url);
  for (let hops = 0; res.statusCode === 307 && hops < 3; hops += 1) {
    res = await get(app, caller, String(res.headers.location));
  }
  return res;
}
const db = () => t.database.db as Kysely<DB>;
const sessionIdOf = async (caller: Caller) =>
  (
    await db()
      .selectFrom('sessions')
      .select('id')
      .where('token_hash', '=', hashToken(caller.token))
      .executeTakeFirstOrThrow()
  ).id;

type Party = 'client' | 'expert';
type Change = {
  name: string;
  parties: Party[];
  apply(caller: Caller): Promise<unknown>;
  undo(caller: Caller): Promise<unknown>;
  /** What a fresh lookup answers while the change holds. */
  answer: Record<Party, number>;
};

const rolesBefore = new Map<string, string>();
const changes: Change[] = [
  {
    name: 'the session expired',
    parties: ['client', 'expert'],
    apply: async (c) =>
      sql`update sessions set expires_at = now() - interval '1 second' where id = ${await sessionIdOf(c)}`.execute(
        db(),
      ),
    undo: async (c) =>
      sql`update sessions set expires_at = now() + interval '1 day' where id = ${await sessionIdOf(c)}`.execute(
        db(),
      ),
    answer: { client: 401, expert: 401 },
  },
  {
    name: 'the account was suspended',
    parties: ['client', 'expert'],
    apply: (c) => sql`update users set status = 'suspended' where id = ${c.id}`.execute(db()),
    undo: (c) => sql`update users set status = 'active' where id = ${c.id}`.execute(db()),
    answer: { client: 403, expert: 403 },
  },
  {
    name: "the expert's approval was withdrawn",
    parties: ['expert'],
    apply: (c) =>
      sql`update expert_profiles set approval_status = 'suspended' where user_id = ${c.id}`.execute(db()),
    undo: (c) =>
      sql`update expert_profiles set approval_status = 'approved' where user_id = ${c.id}`.execute(db()),
    answer: { client: 403, expert: 403 },
  },
  {
    // The client has no factor yet: it must enrol first. The expert's session passed its own.
    name: 'an admin required a second factor of everyone',
    parties: ['client', 'expert'],
    apply: () => sql`update security_settings set require_second_factor_for_all = true`.execute(db()),
    undo: () => sql`update security_settings set require_second_factor_for_all = false`.execute(db()),
    answer: { client: 401, expert: 200 },
  },
  {
    // A factor enrolled elsewhere: this session never passed it, so it owes the second step.
    name: 'a passkey was enrolled on another device',
    parties: ['client'],
    apply: (c) =>
      sql`insert into passkeys (user_id, credential_id, public_key, name)
          values (${c.id}, ${`reuse-test-${c.id}`}, '\\x00'::bytea, 'other device')`.execute(db()),
    undo: (c) => sql`delete from passkeys where user_id = ${c.id}`.execute(db()),
    answer: { client: 401, expert: 401 },
  },
  {
    // An admin owes a second factor: the client has none, the expert's session passed its own.
    name: 'the role changed',
    parties: ['client', 'expert'],
    apply: async (c) => {
      const { role } = await db()
        .selectFrom('users')
        .select('role')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      rolesBefore.set(c.id, role);
      return sql`update users set role = 'admin' where id = ${c.id}`.execute(db());
    },
    undo: (c) => sql`update users set role = ${rolesBefore.get(c.id)} where id = ${c.id}`.execute(db()),
    answer: { client: 401, expert: 200 },
  },
];

describe('sessions reused by hot read routes', () => {
  it('are the routes this file walks, and their contract names the repeat', () => {
    expect([...t.app.sessionReusingRoutes].sort()).toEqual([...routes].sort());
    const paths = (
      t.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: object }>> }
    ).paths;
    for (const route of routes) {
      const path = route.slice('GET '.length).replace(/:(\w+)/g, '{$1}');
      expect(Object.keys(paths[path]?.get?.responses ?? {})).toContain('307');
    }
  });

  it.each(routes)(
    '%s answers from the session resolved earlier, without looking it up again',
    async (route) => {
      const url = urlOf(route);
      // A session no request has resolved yet: the first answer looks it up.
      const caller = await login(t.app, parties.client.email);
      const sent = vi.spyOn(pg.Client.prototype, 'query');
      const first = await get(t, caller, url);
      const firstTrips = sent.mock.calls.length;
      expect(first.statusCode).toBe(200);
      const lookups = vi.spyOn(authRepository, 'findLiveSession');
      try {
        const second = await get(t, caller, url);
        const secondTrips = sent.mock.calls.length - firstTrips;
        sent.mockRestore();
        expect(second.statusCode).toBe(200);
        expect(second.json()).toEqual(first.json());
        expect(lookups).not.toHaveBeenCalled();
        // On a server: one round trip fewer (the check rides in the scope's statement).
        if (process.env.FT_TEST_DB === 'server') expect(secondTrips).toBe(firstTrips - 1);
        // Routes that do not reuse sessions still look it up on every request.
        expect((await get(t, caller, '/api/auth/me')).statusCode).toBe(200);
        expect(lookups).toHaveBeenCalledTimes(1);
      } finally {
        lookups.mockRestore();
        sent.mockRestore();
      }
    },
  );

  describe.each(routes)('%s', (route) => {
    for (const change of changes) {
      for (const party of change.parties) {
        it(`${party}: ${change.name} — the next request is repeated and gets today's answer`, async () => {
          const caller = parties[party];
          const url = urlOf(route);
          // Twice: the second answer is served from the session resolved by the first.
          expect((await browse(t, caller, url)).statusCode).toBe(200);
          expect((await get(t, caller, url)).statusCode).toBe(200);
          await change.apply(caller);
          try {
            const stale = await get(t, caller, url);
            expect(stale.statusCode).toBe(307);
            expect(stale.headers.location).toBe(url);
            expect(stale.headers['cache-control']).toBe('no-store');
            expect(stale.body).toBe('');
            // The repeat is looked up afresh: the answer of a request that never met the old state.
            const repeated = await get(t, caller, url);
            expect(repeated.statusCode).toBe(change.answer[party]);
          } finally {
            await change.undo(caller);
          }
          // Back as it was: a repeat at most (the state during the change was remembered).
          expect((await browse(t, caller, url)).statusCode).toBe(200);
        });
      }
    }

    it('its HEAD twin reuses and checks the session the same way', async () => {
      const caller = parties.client;
      const url = urlOf(route);
      expect((await browse(t, caller, url)).statusCode).toBe(200);
      const head = () => t.app.inject({ method: 'HEAD', url, headers: caller.headers });
      expect((await head()).statusCode).toBe(200);
      await sql`update users set status = 'suspended' where id = ${caller.id}`.execute(db());
      try {
        expect((await head()).statusCode).toBe(307);
        expect((await head()).statusCode).toBe(403);
      } finally {
        await sql`update users set status = 'active' where id = ${caller.id}`.execute(db());
      }
    });

    it('a logout on another instance applies to the next request', async () => {
      const caller = await login(t.app, parties.client.email);
      const url = urlOf(route);
      expect((await get(t, caller, url)).statusCode).toBe(200);
      expect((await get(t, caller, url)).statusCode).toBe(200);
      const out = await other.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: caller.headers,
      });
      expect(out.statusCode).toBe(204);
      const stale = await get(t, caller, url);
      expect(stale.statusCode).toBe(307);
      const repeated = await get(t, caller, url);
      expect(repeated.statusCode).toBe(401);
      expect(repeated.json().code).toBe('UNAUTHENTICATED');
    });
  });

  it('a route that reuses a session but never confirms it fails closed (500, no data)', async () => {
    const app = Fastify();
    registerSessionReuse(app);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', async (request) => {
      request.actor = attachSessionCheck(
        { userId: 'u', role: 'client', status: 'active', sessionId: 's', secondFactor: 'none' },
        { grants: [], confirmed: false, onChanged: () => {} },
      );
    });
    app.get('/forgot', { config: { reusesSession: true } }, async () => ({ secret: 'data' }));
    expect(() => app.post('/write', { config: { reusesSession: true } }, async () => ({}))).toThrow(
      /only GET routes/,
    );
    const res = await app.inject({ url: '/forgot' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('data');
    await app.close();
  });
});
