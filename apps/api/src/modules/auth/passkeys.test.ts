import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  createAdmin,
  PASSWORD,
  passwordStep,
  signupClient,
  signupExpert,
  totpCode,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { SoftAuthenticator, TEST_RP } from '../../../test/webauthn';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const post = (caller: Caller | null, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: caller?.headers ?? {}, payload });
const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });

const signIn = (email: string) => passwordStep(t.app, email);

/** Registration as the SPA runs it: options, the authenticator's answer, the server's check. */
async function registerPasskey(
  caller: Caller,
  name = 'Clé de sécurité',
  authenticator = new SoftAuthenticator(),
) {
  const options = await post(caller, '/api/auth/2fa/passkeys/registration-options');
  expect(options.statusCode, options.body).toBe(200);
  const res = await post(caller, '/api/auth/2fa/passkeys', {
    name,
    response: authenticator.register(options.json()),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { authenticator, options: options.json(), registered: res.json() };
}

const passkeyOptions = async (caller: Caller) => {
  const res = await post(caller, '/api/auth/2fa/passkeys/authentication-options');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
};
const verify = (caller: Caller, response: object, rememberDevice = false) =>
  post(caller, '/api/auth/2fa/passkeys/verify', { response, rememberDevice });

const audit = (userId: string) =>
  t.database.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('actor_id', '=', userId)
    .orderBy('id')
    .execute();
const passkeyRow = (credentialId: string) =>
  t.database.db
    .selectFrom('passkeys')
    .selectAll()
    .where('credential_id', '=', credentialId)
    .executeTakeFirstOrThrow();

describe('passkey registration', () => {
  it("a client's first passkey turns the second factor on, with its recovery codes; a second one adds to it", async () => {
    const client = await signupClient(t.app);
    const options = await post(client, '/api/auth/2fa/passkeys/registration-options');
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({
      rp: { id: TEST_RP.id, name: 'FinancialTracker' },
      user: { name: client.email },
      attestation: 'none',
      excludeCredentials: [],
    });
    const authenticator = new SoftAuthenticator();
    const response = authenticator.register(options.json());
    const created = await post(client, '/api/auth/2fa/passkeys', { name: '  Clé USB  ', response });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().passkey).toMatchObject({ name: 'Clé USB', lastUsedAt: null });
    expect(created.json().recoveryCodes).toHaveLength(10);
    // The challenge was good for one answer: the same answer again is refused.
    const again = await post(client, '/api/auth/2fa/passkeys', { name: 'Encore', response });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('PASSKEY_REFUSED');

    const stored = await passkeyRow(authenticator.credentialId);
    expect(stored).toMatchObject({ user_id: client.id, name: 'Clé USB', transports: ['internal'] });
    expect(Number(stored.counter)).toBe(0);
    expect(stored.public_key.byteLength).toBeGreaterThan(60);
    const status = (await get(client, '/api/auth/2fa')).json();
    expect(status).toMatchObject({ totp: false, recoveryCodesLeft: 10 });
    expect(status.passkeys.map((p: { name: string }) => p.name)).toEqual(['Clé USB']);
    expect((await signIn(client.email)).secondFactor).toBe('verify');

    // A second passkey: the first is excluded (one authenticator is one factor), no new codes.
    const second = await registerPasskey(client, 'Téléphone');
    expect(second.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      authenticator.credentialId,
    ]);
    expect(second.registered.recoveryCodes).toBeNull();
    expect((await get(client, '/api/auth/2fa')).json().recoveryCodesLeft).toBe(10);

    const events = (await audit(client.id)).filter((e) => e.action === 'auth.2fa_enabled');
    expect(events.map((e) => e.details)).toEqual([
      expect.objectContaining({ method: 'passkey', first: true, name: 'Clé USB' }),
      expect.objectContaining({ method: 'passkey', first: false, name: 'Téléphone' }),
    ]);
  });

  it('refuses an answer for another origin or RP id, and a name left empty', async () => {
    const client = await signupClient(t.app);
    for (const overrides of [{ origin: 'https://financialtracker.example.com' }, { rpId: 'example.com' }]) {
      const options = await post(client, '/api/auth/2fa/passkeys/registration-options');
      const res = await post(client, '/api/auth/2fa/passkeys', {
        name: 'Clé',
        response: new SoftAuthenticator().register(options.json(), overrides),
      });
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json().code).toBe('PASSKEY_REFUSED');
    }
    const options = await post(client, '/api/auth/2fa/passkeys/registration-options');
    const unnamed = await post(client, '/api/auth/2fa/passkeys', {
      name: '   ',
      response: new SoftAuthenticator().register(options.json()),
    });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors[0].field).toBe('name');
    expect((await get(client, '/api/auth/2fa')).json().passkeys).toEqual([]);
  });

  it('counts as enrolment for an expert who must have a second factor, and its last one cannot be removed', async () => {
    const expert = await signupExpert(t.app);
    await post(admin, `/api/admin/experts/${expert.id}/approve`, {});
    expect((await get(expert, '/api/auth/me')).json().secondFactor).toBe('enrol');
    expect((await get(expert, '/api/dossiers')).statusCode).toBe(401);
    const { registered } = await registerPasskey(expert, 'MacBook');
    expect(registered.recoveryCodes).toHaveLength(10);
    expect((await get(expert, '/api/dossiers')).statusCode).toBe(200);

    const removal = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/2fa/passkeys/${registered.passkey.id}`,
      headers: expert.headers,
      payload: { password: PASSWORD },
    });
    expect(removal.statusCode).toBe(409);
    expect(removal.json().code).toBe('SECOND_FACTOR_MANDATORY');

    // A session owing its second step cannot add a factor that would pass it.
    const next = await signIn(expert.email);
    expect(next.secondFactor).toBe('verify');
    expect((await post(next.caller, '/api/auth/2fa/passkeys/registration-options')).statusCode).toBe(401);
  });
});

describe('sign-in with a passkey', () => {
  it('passes the second step: signature over the challenge, counter moved on, last use recorded', async () => {
    const client = await signupClient(t.app);
    const { authenticator, registered } = await registerPasskey(client);
    const stranger = await signupClient(t.app);
    const { authenticator: strangers } = await registerPasskey(stranger);
    const { caller, secondFactor } = await signIn(client.email);
    expect(secondFactor).toBe('verify');
    expect((await get(caller, '/api/dossiers')).statusCode).toBe(401);

    const options = await passkeyOptions(caller);
    expect(options.rpId).toBe(TEST_RP.id);
    expect(options.allowCredentials.map((c) => c.id)).toEqual([authenticator.credentialId]);
    // Another account's passkey, on the right challenge, is not this account's second factor.
    const foreign = await verify(caller, strangers.authenticate(options));
    expect(foreign.statusCode).toBe(401);
    expect(foreign.json().code).toBe('PASSKEY_REFUSED');

    const answer = authenticator.authenticate(await passkeyOptions(caller));
    const ok = await verify(caller, answer, true);
    expect(ok.statusCode, ok.body).toBe(204);
    expect(ok.cookies.find((c) => c.name === 'ft_trusted_device')).toMatchObject({ httpOnly: true });
    expect((await get(caller, '/api/dossiers')).statusCode).toBe(200);
    expect((await get(caller, '/api/auth/me')).json().secondFactor).toBe('none');

    const stored = await passkeyRow(authenticator.credentialId);
    expect(Number(stored.counter)).toBe(1);
    expect(stored.last_used_at).not.toBeNull();
    const session = await t.database.db
      .selectFrom('sessions')
      .select(['second_factor_method', 'webauthn_challenge'])
      .where('user_id', '=', client.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(session).toEqual({ second_factor_method: 'passkey', webauthn_challenge: null });
    const listed = (await get(caller, '/api/auth/2fa')).json().passkeys[0];
    expect(listed.lastUsedAt).not.toBeNull();
    expect(await audit(client.id)).toContainEqual({
      action: 'auth.2fa_verified',
      details: { method: 'passkey', rememberDevice: true, passkeyId: registered.passkey.id },
    });
    // A session already past its second step has nothing to verify.
    expect((await post(caller, '/api/auth/2fa/passkeys/authentication-options')).statusCode).toBe(409);

    // An observed answer is worth nothing to another session, even after asking for a challenge.
    const other = await signIn(client.email);
    await passkeyOptions(other.caller);
    expect((await verify(other.caller, answer)).statusCode).toBe(401);
  });

  it('refuses a wrong challenge or origin, a spent challenge, a forged signature, a replayed counter; each counts toward the lockout', async () => {
    const client = await signupClient(t.app);
    const { authenticator } = await registerPasskey(client);
    const first = await signIn(client.email);
    expect(
      (await verify(first.caller, authenticator.authenticate(await passkeyOptions(first.caller)))).statusCode,
    ).toBe(204);
    expect(authenticator.counter).toBe(1);

    const { caller } = await signIn(client.email);
    const refused = async (answer: object) => {
      const res = await verify(caller, answer);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().code).toBe('PASSKEY_REFUSED');
    };
    // 1. Signed over a challenge the server did not issue.
    await refused(
      authenticator.authenticate(await passkeyOptions(caller), { challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' }),
    );
    // 2. Made on another site.
    const options = await passkeyOptions(caller);
    await refused(authenticator.authenticate(options, { origin: 'https://phishing.example.com' }));
    // 3. The challenge was spent by that refused answer: a good answer over it comes too late.
    await refused(authenticator.authenticate(options));
    // 4. Someone who knows the credential's id but not its key.
    await refused(
      new SoftAuthenticator(authenticator.credentialId).authenticate(await passkeyOptions(caller)),
    );
    expect(Number((await passkeyRow(authenticator.credentialId)).counter)).toBe(1);
    // 5. The counter did not move on (a cloned authenticator): the fifth failure locks the account.
    const locked = await verify(
      caller,
      authenticator.authenticate(await passkeyOptions(caller), { counter: 1 }),
    );
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect((await get(caller, '/api/auth/me')).statusCode).toBe(401);
    const failures = (await audit(client.id)).filter((e) => e.action === 'auth.2fa_failed');
    expect(failures.map((e) => e.details)).toEqual(Array(5).fill({ kind: 'passkey' }));
    expect(
      (await post(null, '/api/auth/login', { email: client.email, password: PASSWORD })).statusCode,
    ).toBe(429);
  });
});

describe('passkey answers racing', () => {
  it('one answer sent twice at once passes once; a cloned authenticator racing on two sessions passes once', async () => {
    const client = await signupClient(t.app);
    const { authenticator } = await registerPasskey(client);
    const { caller } = await signIn(client.email);
    const answer = authenticator.authenticate(await passkeyOptions(caller));
    const both = await Promise.all([verify(caller, answer), verify(caller, answer)]);
    expect(both.map((res) => res.statusCode).sort()).toEqual([204, 401]);

    // Two sessions, each with its own challenge, answered with the same next counter (a clone).
    const a = await signIn(client.email);
    const b = await signIn(client.email);
    const [optionsA, optionsB] = [await passkeyOptions(a.caller), await passkeyOptions(b.caller)];
    const next = authenticator.counter + 1;
    const answerA = authenticator.authenticate(optionsA, { counter: next });
    const answerB = authenticator.authenticate(optionsB, { counter: next });
    const raced = await Promise.all([verify(a.caller, answerA), verify(b.caller, answerB)]);
    expect(raced.map((res) => res.statusCode).sort()).toEqual([204, 401]);
    expect(Number((await passkeyRow(authenticator.credentialId)).counter)).toBe(next);
  });
});

describe('managing passkeys', () => {
  it('rename; removal needs the password; removing the last factor of a client turns it off', async () => {
    const client = await signupClient(t.app);
    const stranger = await signupClient(t.app);
    const { registered } = await registerPasskey(client, 'Ancien nom');
    const url = `/api/auth/2fa/passkeys/${registered.passkey.id}`;
    const patch = (caller: Caller, name: string) =>
      t.app.inject({ method: 'PATCH', url, headers: caller.headers, payload: { name } });
    const remove = (caller: Caller, password: string) =>
      t.app.inject({ method: 'DELETE', url, headers: caller.headers, payload: { password } });

    const renamed = await patch(client, 'Clé du bureau');
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('Clé du bureau');
    expect((await patch(stranger, 'À moi')).statusCode).toBe(404);
    expect((await remove(stranger, PASSWORD)).statusCode).toBe(404);
    const wrong = await remove(client, 'not-my-password');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('password');
    expect((await get(client, '/api/auth/2fa')).json().passkeys).toHaveLength(1);

    expect((await remove(client, PASSWORD)).statusCode).toBe(204);
    expect((await get(client, '/api/auth/2fa')).json()).toMatchObject({ passkeys: [], recoveryCodesLeft: 0 });
    expect((await signIn(client.email)).secondFactor).toBe('none');
    const actions = (await audit(client.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.passkey_renamed', 'auth.2fa_disabled']));
  });

  it('removing one of two passkeys keeps the second factor on', async () => {
    const client = await signupClient(t.app);
    const { registered } = await registerPasskey(client, 'Première');
    await registerPasskey(client, 'Seconde');
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/2fa/passkeys/${registered.passkey.id}`,
      headers: client.headers,
      payload: { password: PASSWORD },
    });
    expect(res.statusCode).toBe(204);
    expect((await get(client, '/api/auth/2fa')).json()).toMatchObject({ recoveryCodesLeft: 10 });
    expect((await signIn(client.email)).secondFactor).toBe('verify');
    expect((await audit(client.id)).map((e) => e.action)).toContain('auth.passkey_removed');
  });

  it('an authenticator app added after a passkey keeps the recovery codes and the other sessions', async () => {
    const client = await signupClient(t.app);
    await registerPasskey(client);
    const elsewhere = await signIn(client.email);
    const setup = await post(client, '/api/auth/2fa/totp/setup');
    expect(setup.statusCode).toBe(200);
    const confirmed = await post(client, '/api/auth/2fa/totp/confirm', {
      code: await totpCode(setup.json().secret),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ recoveryCodes: null });
    expect((await get(client, '/api/auth/2fa')).json()).toMatchObject({ totp: true, recoveryCodesLeft: 10 });
    expect((await get(elsewhere.caller, '/api/auth/me')).statusCode).toBe(200);
  });
});
