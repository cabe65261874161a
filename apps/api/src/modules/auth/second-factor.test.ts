import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  createAdmin,
  enrolTotp,
  login,
  PASSWORD,
  passSecondFactor,
  passwordStep,
  signupClient,
  signupExpert,
  totpCode,
  uniqueEmail,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createMailer } from '../../platform/mail/mailer';
import { createAuthService } from './service';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const post = (caller: Caller | null, url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...caller?.headers, ...headers }, payload });
const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });
const signIn = (email: string, headers: Record<string, string> = {}) =>
  passwordStep(t.app, email, { headers });

/** An admin as the CLI makes it: TOTP enrolled, recovery codes handed out once. */
async function cliAdmin() {
  const mailer = createMailer({ smtpUrl: undefined, from: 'test', log: pino({ level: 'silent' }) });
  const auth = createAuthService({ db: t.database.db, mailer, publicUrl: 'http://localhost' });
  const email = uniqueEmail('admin');
  const created = await auth.createAdmin({ email, password: PASSWORD });
  return { email, ...created.secondFactor };
}

const auditActions = async (userId: string) =>
  (
    await t.database.db.selectFrom('audit_events').select('action').where('actor_id', '=', userId).execute()
  ).map((row) => row.action);

describe('second step of sign-in', () => {
  it('a session past the password only grants nothing until a valid code is given', async () => {
    const { email, secret } = await cliAdmin();
    const { caller, secondFactor } = await signIn(email);
    expect(secondFactor).toBe('verify');
    const refused = await get(caller, '/api/admin/experts');
    expect(refused.statusCode).toBe(401);
    const me = await get(caller, '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().secondFactor).toBe('verify');

    const wrong = await post(caller, '/api/auth/2fa/verify', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_SECOND_FACTOR');
    const malformed = await post(caller, '/api/auth/2fa/verify', { code: '12ab' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('code');

    const code = await totpCode(secret);
    expect((await post(caller, '/api/auth/2fa/verify', { code })).statusCode).toBe(204);
    expect((await get(caller, '/api/admin/experts')).statusCode).toBe(200);
    expect((await get(caller, '/api/auth/me')).json().secondFactor).toBe('none');

    // The same code cannot be used again, even by another session of the same password.
    const other = await signIn(email);
    const replay = await post(other.caller, '/api/auth/2fa/verify', { code });
    expect(replay.statusCode).toBe(401);
    const actions = await auditActions(caller.id);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.2fa_failed', 'auth.2fa_verified']));
  });

  it('recovery codes: ten, stored hashed, each accepted once', async () => {
    const { email, recoveryCodes } = await cliAdmin();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await t.database.db
      .selectFrom('recovery_codes as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('r.code_hash')
      .where('u.email', '=', email)
      .execute();
    expect(stored).toHaveLength(10);
    const [first] = recoveryCodes as [string];
    expect(stored.map((row) => row.code_hash)).not.toContain(first);
    expect(stored.map((row) => row.code_hash)).not.toContain(first.replace('-', ''));

    const a = await signIn(email);
    // Typed in capitals with a space instead of the dash: still accepted.
    const used = await post(a.caller, '/api/auth/2fa/verify', {
      recoveryCode: first.toUpperCase().replace('-', ' '),
    });
    expect(used.statusCode, used.body).toBe(204);
    const b = await signIn(email);
    expect((await post(b.caller, '/api/auth/2fa/verify', { recoveryCode: first })).statusCode).toBe(401);
    const status = (await get(a.caller, '/api/auth/2fa')).json();
    expect(status).toMatchObject({ totp: true, recoveryCodesLeft: 9, required: true });

    const regenerated = await post(a.caller, '/api/auth/2fa/recovery-codes', { password: PASSWORD });
    expect(regenerated.statusCode).toBe(200);
    expect(regenerated.json().recoveryCodes).toHaveLength(10);
    const c = await signIn(email);
    expect(
      (await post(c.caller, '/api/auth/2fa/verify', { recoveryCode: recoveryCodes[1] })).statusCode,
    ).toBe(401);
    expect(
      (await post(c.caller, '/api/auth/2fa/verify', { recoveryCode: regenerated.json().recoveryCodes[0] }))
        .statusCode,
    ).toBe(204);
  });

  it('wrong codes count toward the lockout, and a correct password does not reset the count', async () => {
    const { email, secret } = await cliAdmin();
    const first = await signIn(email);
    for (let i = 0; i < 3; i++) {
      expect((await post(first.caller, '/api/auth/2fa/verify', { code: '111111' })).statusCode).toBe(401);
    }
    const second = await signIn(email);
    expect((await post(second.caller, '/api/auth/2fa/verify', { code: '222222' })).statusCode).toBe(401);
    const fifth = await post(second.caller, '/api/auth/2fa/verify', { code: '333333' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('TOO_MANY_ATTEMPTS');
    // Locked: the pending session is gone and even the right code is refused.
    expect((await get(second.caller, '/api/auth/me')).statusCode).toBe(401);
    const locked = await post(first.caller, '/api/auth/2fa/verify', { code: await totpCode(secret) });
    expect(locked.statusCode).toBe(429);
    const lockedLogin = await post(null, '/api/auth/login', { email, password: PASSWORD });
    expect(lockedLogin.statusCode).toBe(429);
  });

  it('a trusted device skips the second step for 30 days, until the devices are forgotten', async () => {
    const { email, secret } = await cliAdmin();
    const first = await signIn(email);
    const verified = await post(first.caller, '/api/auth/2fa/verify', {
      code: await totpCode(secret),
      rememberDevice: true,
    });
    expect(verified.statusCode).toBe(204);
    const cookie = verified.cookies.find((c) => c.name === 'ft_trusted_device');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });
    expect(cookie?.maxAge).toBe(30 * 24 * 3600);
    const deviceCookie = `ft_trusted_device=${cookie?.value}`;

    const again = await signIn(email, { cookie: deviceCookie });
    expect(again.secondFactor).toBe('none');
    expect((await get(again.caller, '/api/admin/experts')).statusCode).toBe(200);
    // The cookie is worth nothing for another account.
    const otherAdmin = await cliAdmin();
    expect((await signIn(otherAdmin.email, { cookie: deviceCookie })).secondFactor).toBe('verify');

    const forgot = await t.app.inject({
      method: 'DELETE',
      url: '/api/auth/2fa/trusted-devices',
      headers: again.caller.headers,
    });
    expect(forgot.statusCode).toBe(204);
    expect((await signIn(email, { cookie: deviceCookie })).secondFactor).toBe('verify');
  });
});

describe('enrolment', () => {
  it('an expert, once approved, must enrol before its session grants access again', async () => {
    const expert = await signupExpert(t.app);
    expect((await get(expert, '/api/auth/me')).json().secondFactor).toBe('none');
    await post(admin, `/api/admin/experts/${expert.id}/approve`, {});
    expect((await get(expert, '/api/auth/me')).json().secondFactor).toBe('enrol');
    expect((await get(expert, '/api/dossiers')).statusCode).toBe(401);
    // Without a code it cannot verify: there is nothing to verify against yet.
    expect((await post(expert, '/api/auth/2fa/verify', { code: '123456' })).statusCode).toBe(409);

    const setup = await post(expert, '/api/auth/2fa/totp/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.json().uri).toMatch(/^otpauth:\/\/totp\/FinancialTracker:.+\?.*secret=/);
    expect(setup.json().qrCode).toMatch(/^data:image\/png;base64,/);
    const wrong = await post(expert, '/api/auth/2fa/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('code');
    const confirmed = await post(expert, '/api/auth/2fa/totp/confirm', {
      code: await totpCode(setup.json().secret),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect((await get(expert, '/api/dossiers')).statusCode).toBe(200);

    // Enrolled: a second setup is refused, and the next sign-in asks for a code.
    expect((await post(expert, '/api/auth/2fa/totp/setup')).statusCode).toBe(409);
    const next = await signIn(expert.email);
    expect(next.secondFactor).toBe('verify');
    // A session owing a code cannot replace the factor it owes.
    expect((await post(next.caller, '/api/auth/2fa/totp/setup')).statusCode).toBe(401);
    await passSecondFactor(t.app, next.caller, setup.json().secret);
    expect(await auditActions(expert.id)).toContain('auth.2fa_enabled');
  });

  it('optional for a client, who may turn it off with password and code; staff may not', async () => {
    const client = await signupClient(t.app);
    const status = (await get(client, '/api/auth/2fa')).json();
    expect(status).toMatchObject({ totp: false, required: false, recoveryCodesLeft: 0 });
    const { caller } = await enrolTotp(t.app, client);
    const secret = caller.totpSecret ?? '';
    expect((await signIn(client.email)).secondFactor).toBe('verify');

    const wrongPassword = await post(caller, '/api/auth/2fa/disable', {
      password: 'not-my-password',
      code: '000000',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors[0].field).toBe('password');
    const wrongCode = await post(caller, '/api/auth/2fa/disable', { password: PASSWORD, code: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    const disabled = await post(caller, '/api/auth/2fa/disable', {
      password: PASSWORD,
      code: await totpCode(secret),
    });
    expect(disabled.statusCode).toBe(204);
    expect((await signIn(client.email)).secondFactor).toBe('none');
    expect(await auditActions(client.id)).toEqual(
      expect.arrayContaining(['auth.2fa_enabled', 'auth.2fa_failed', 'auth.2fa_disabled']),
    );

    const staff = await post(admin, '/api/auth/2fa/disable', {
      password: PASSWORD,
      code: await totpCode(admin.totpSecret ?? ''),
    });
    expect(staff.statusCode).toBe(409);
    expect(staff.json().code).toBe('SECOND_FACTOR_MANDATORY');
  });

  it('an admin may require a second factor of every account', async () => {
    const client = await signupClient(t.app);
    const refused = await t.app.inject({
      method: 'PUT',
      url: '/api/admin/security-settings',
      headers: client.headers,
      payload: { requireSecondFactorForAll: true },
    });
    expect(refused.statusCode).toBe(403);
    const put = (value: boolean) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/admin/security-settings',
        headers: admin.headers,
        payload: { requireSecondFactorForAll: value },
      });
    const on = await put(true);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toEqual({ requireSecondFactorForAll: true });
    try {
      expect((await get(client, '/api/auth/me')).json().secondFactor).toBe('enrol');
      expect((await get(client, '/api/dossiers')).statusCode).toBe(401);
      const { caller } = await enrolTotp(t.app, client);
      expect((await get(caller, '/api/dossiers')).statusCode).toBe(200);
    } finally {
      expect((await put(false)).statusCode).toBe(200);
    }
    expect(await auditActions(admin.id)).toContain('admin.security_settings_changed');
  });

  it('a password sign-in of a client without a second factor is complete', async () => {
    const client = await signupClient(t.app);
    const caller = await login(t.app, client.email);
    expect((await get(caller, '/api/dossiers')).statusCode).toBe(200);
  });
});
