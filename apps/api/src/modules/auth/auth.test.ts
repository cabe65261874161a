import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientSignupBody,
  expertSignupBody,
  login,
  ORIGIN,
  PASSWORD,
  signupClient,
  signupExpert,
  tokenFromOutbox,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: ORIGIN });
});
afterAll(() => t.close());

const me = (headers: Record<string, string>) => t.app.inject({ url: '/api/auth/me', headers });

describe('client sign-up', () => {
  it('creates the account, logs the client in with an HttpOnly SameSite=Lax cookie, and shows the profile', async () => {
    const body = clientSignupBody({ email: 'Julie.Bernard@Example.fr' });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/signup/client', payload: body });
    expect(res.statusCode).toBe(201);
    const { user, token } = res.json();
    expect(user).toMatchObject({
      email: 'julie.bernard@example.fr',
      role: 'client',
      status: 'active',
      emailVerified: false,
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^ft_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');

    const profile = await me({ authorization: `Bearer ${token}` });
    expect(profile.statusCode).toBe(200);
    expect(profile.json().profile).toMatchObject({
      kind: 'client',
      companyName: body.companyName,
      siren: body.siren,
    });
  });

  it('stores only a hash of the session token and a scrypt hash of the password', async () => {
    const client = await signupClient(t.app);
    const stored = await t.database.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', client.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(client.token);
    const user = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain(PASSWORD);
  });

  it.each([
    [{ password: 'short' }, 'password'],
    [{ password: 'motdepasse123' }, 'password'],
    [{ email: 'same.as.password@example.fr', password: 'same.as.password@example.fr' }, 'password'],
    [{ siren: '732829321' }, 'siren'],
    [{ siren: '12345' }, 'siren'],
    [{ email: 'not-an-email' }, 'email'],
    [{ companyName: '' }, 'companyName'],
    [{ phone: 'call me' }, 'phone'],
  ])('refuses %o with a 400 naming %s', async (overrides, field) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody(overrides),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('names the issue and its bound in each field error, so a client can word it in its language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody({ password: 'short' }),
    });
    expect(res.json().errors).toContainEqual({
      field: 'password',
      message: 'Le mot de passe doit contenir au moins 12 caractères.',
      code: 'too_small',
      minimum: 12,
      origin: 'string',
    });
  });

  it('refuses a duplicate e-mail (whatever its case) and a duplicate SIREN with field errors', async () => {
    const first = clientSignupBody();
    await t.app.inject({ method: 'POST', url: '/api/auth/signup/client', payload: first });
    const sameEmail = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody({ email: first.email.toUpperCase() }),
    });
    expect(sameEmail.statusCode).toBe(400);
    expect(sameEmail.json().errors).toEqual([
      { field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' },
    ]);
    const sameSiren = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody({ siren: first.siren }),
    });
    expect(sameSiren.statusCode).toBe(400);
    expect(sameSiren.json().errors).toEqual([
      { field: 'siren', message: 'Un compte existe déjà pour ce SIREN.' },
    ]);
  });
});

describe('expert sign-up', () => {
  it('creates a pending account that can log in and see its own state but nothing reserved to approved experts', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/expert',
      payload: expertSignupBody(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ role: 'expert', status: 'pending' });
    const headers = { authorization: `Bearer ${res.json().token}` };
    const profile = await me(headers);
    expect(profile.json()).toMatchObject({
      user: { status: 'pending' },
      profile: { kind: 'expert', approvalStatus: 'pending' },
    });
    const admin = await t.app.inject({ url: '/api/admin/experts', headers });
    expect(admin.statusCode).toBe(403);
  });

  it('refuses unknown products and a missing product list', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/expert',
      payload: expertSignupBody({ productCodes: ['LOTTERY'] }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('productCodes.0');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/expert',
      payload: expertSignupBody({ productCodes: [] }),
    });
    expect(empty.json().errors[0].field).toBe('productCodes');
  });

  it('offers no way to sign up as an admin', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/admin',
      payload: clientSignupBody(),
    });
    expect(res.statusCode).toBe(404);
    const smuggled = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody({ role: 'admin' }),
    });
    expect(smuggled.json().user.role).toBe('client');
  });
});

describe('login and sessions', () => {
  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const client = await signupClient(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: client.email, password: 'Wrong-password-123' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.fr', password: 'Wrong-password-123' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('rotates the session on login and revokes it on logout', async () => {
    const client = await signupClient(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `ft_session=${client.token}`, origin: ORIGIN },
      payload: { email: client.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().token as string;
    expect(fresh).not.toBe(client.token);
    expect((await me(client.headers)).statusCode).toBe(401);

    const headers = { authorization: `Bearer ${fresh}` };
    expect((await me(headers)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((await me(headers)).statusCode).toBe(401);
  });

  it('lists my sessions and logs out everywhere', async () => {
    const client = await signupClient(t.app);
    const second = await login(t.app, client.email);
    const list = await t.app.inject({ url: '/api/auth/sessions', headers: second.headers });
    expect(list.json().sessions).toHaveLength(2);
    expect(list.json().sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const all = await t.app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: second.headers });
    expect(all.statusCode).toBe(204);
    expect((await me(client.headers)).statusCode).toBe(401);
    expect((await me(second.headers)).statusCode).toBe(401);
  });

  it('closes one session by id, and not somebody else’s', async () => {
    const alice = await signupClient(t.app);
    const bob = await signupClient(t.app);
    const aliceSessions = (await t.app.inject({ url: '/api/auth/sessions', headers: alice.headers })).json()
      .sessions;
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${aliceSessions[0].id}`,
      headers: bob.headers,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await me(alice.headers)).statusCode).toBe(200);
    const own = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${aliceSessions[0].id}`,
      headers: alice.headers,
    });
    expect(own.statusCode).toBe(204);
    expect((await me(alice.headers)).statusCode).toBe(401);
  });

  it('expires a session idle for 7 days, and any session after 30 days', async () => {
    const idle = await signupClient(t.app);
    await sql`update sessions set last_seen_at = now() - interval '8 days' where user_id = ${idle.id}`.execute(
      t.database.db,
    );
    expect((await me(idle.headers)).statusCode).toBe(401);
    const old = await signupClient(t.app);
    await sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${old.id}`.execute(
      t.database.db,
    );
    expect((await me(old.headers)).statusCode).toBe(401);
  });

  it('changing the password keeps this session and closes the others', async () => {
    const client = await signupClient(t.app);
    const other = await login(t.app, client.email);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: client.headers,
      payload: { currentPassword: 'Not-my-password-1', newPassword: 'Another-strong-pass-7' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: client.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'Another-strong-pass-7' },
    });
    expect(res.statusCode).toBe(204);
    expect((await me(client.headers)).statusCode).toBe(200);
    expect((await me(other.headers)).statusCode).toBe(401);
    await login(t.app, client.email, 'Another-strong-pass-7');
  });
});

describe('cross-site request protection', () => {
  it('refuses a cookie-authenticated change from a foreign or missing origin, accepts our own and bearer calls', async () => {
    const client = await signupClient(t.app);
    const cookie = `ft_session=${client.token}`;
    const patch = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/clients/me/profile',
        headers,
        payload: { companyName: 'Nouveau nom' },
      });
    const foreign = await patch({ cookie, origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('CSRF_REJECTED');
    expect((await patch({ cookie })).statusCode).toBe(403);
    expect((await patch({ cookie, origin: ORIGIN })).statusCode).toBe(200);
    expect((await patch(client.headers)).statusCode).toBe(200);
  });
});

describe('brute-force protection', () => {
  it('locks an account after 5 failures in 15 minutes, even for the right password, and records it', async () => {
    const client = await signupClient(t.app);
    for (let i = 0; i < 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: client.email, password: `Wrong-password-${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: client.email, password: 'Wrong-password-5' },
    });
    expect(fifth.statusCode).toBe(429);
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: client.email, password: PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.json().code).toBe('TOO_MANY_ATTEMPTS');

    const events = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where(sql`details->>'email'`, '=', client.email)
      .execute();
    const actions = events.map((e) => e.action);
    expect(actions.filter((a) => a === 'security.login_failed')).toHaveLength(5);
    expect(actions).toContain('security.account_locked');

    await sql`update account_locks set locked_until = now() - interval '1 second' where email = ${client.email}`.execute(
      t.database.db,
    );
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: client.email, password: PASSWORD },
    });
    expect(after.statusCode).toBe(200);
    const unlock = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'security.account_unlocked')
      .execute();
    expect(unlock.length).toBeGreaterThan(0);
  });
});

describe('password reset and e-mail verification', () => {
  it('resets the password once through the e-mailed link, closing every session', async () => {
    const client = await signupClient(t.app);
    const request = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: client.email },
    });
    expect(request.statusCode).toBe(202);
    const token = await tokenFromOutbox(t, client.email, '/reinitialiser-mot-de-passe');

    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'Brand-new-secret-99' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await me(client.headers)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'Yet-another-secret-1' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('INVALID_TOKEN');
    await login(t.app, client.email, 'Brand-new-secret-99');
  });

  it('refuses an expired reset link and says the same for an unknown address', async () => {
    const client = await signupClient(t.app);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: client.email },
    });
    const token = await tokenFromOutbox(t, client.email, '/reinitialiser-mot-de-passe');
    await sql`update email_tokens set expires_at = now() - interval '1 second' where user_id = ${client.id}`.execute(
      t.database.db,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'Brand-new-secret-99' },
    });
    expect(res.statusCode).toBe(400);

    const before = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { email: 'ghost@example.fr' },
    });
    expect(unknown.statusCode).toBe(202);
    const after = await t.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('verifies the e-mail address with the link sent at sign-up, once', async () => {
    const client = await signupClient(t.app);
    const token = await tokenFromOutbox(t, client.email, '/verifier-email');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(res.statusCode).toBe(204);
    expect((await me(client.headers)).json().user.emailVerified).toBe(true);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
    expect(again.statusCode).toBe(400);
  });
});

describe('pending experts', () => {
  it('may complete their profile while waiting', async () => {
    const expert = await signupExpert(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/experts/me/profile',
      headers: expert.headers,
      payload: { bio: 'Vingt ans de TICPE.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().bio).toBe('Vingt ans de TICPE.');
  });
});

describe('session probe', () => {
  it('answers 200 with nobody for a visitor and with the user once signed in', async () => {
    const visitor = await t.app.inject({ url: '/api/auth/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null, profile: null, secondFactor: null, pendingConsents: null });
    const client = await signupClient(t.app);
    const signedIn = await t.app.inject({ url: '/api/auth/session', headers: client.headers });
    expect(signedIn.json()).toMatchObject({
      user: { id: client.id, role: 'client' },
      profile: { kind: 'client' },
    });
  });
});
