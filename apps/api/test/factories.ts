import { randomBytes, randomInt } from 'node:crypto';
import { frenchVatKey } from '@ft/contracts';
import { isValidSiren, WORKED_EXAMPLE_A } from '@ft/domain';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { NOTIFICATION_EMAILS_JOB } from '../src/app';
import { createAuthService } from '../src/modules/auth/service';
import { totpFor } from '../src/modules/auth/totp';
import { createMailer } from '../src/platform/mail/mailer';
import type { TestApp } from './test-app';

export const PASSWORD = 'Correct-horse-battery-42';
export const ORIGIN = 'http://localhost:80';

export function validSiren(): string {
  for (;;) {
    const candidate = String(randomInt(100_000_000, 999_999_999));
    if (isValidSiren(candidate)) return candidate;
  }
}

export const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}@example.fr`;

export type Caller = {
  id: string;
  email: string;
  token: string;
  headers: Record<string, string>;
  /** Admins and approved experts: the TOTP secret their second factor was enrolled with. */
  totpSecret?: string;
};

const usedSteps = new Map<string, number>();

/**
 * A TOTP code the server will accept for `secret`: each code is accepted once, so successive calls
 * take successive time steps (the server allows one step of drift), waiting when none is left.
 */
export async function totpCode(secret: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, (usedSteps.get(secret) ?? current - 1) + 1);
    if (step <= current + 1) {
      usedSteps.set(secret, step);
      return totpFor(secret, 'test').generate({ timestamp: step * 30_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The second step of sign-in, over HTTP, with a code computed from the secret. */
export async function passSecondFactor(
  app: FastifyInstance,
  caller: Caller,
  secret: string,
): Promise<Caller> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/2fa/verify',
    headers: caller.headers,
    payload: { code: await totpCode(secret) },
  });
  if (res.statusCode !== 204) throw new Error(`second factor failed: ${res.statusCode} ${res.body}`);
  return { ...caller, totpSecret: secret };
}

/** TOTP enrolment over HTTP, as the SPA does it: setup, then a first code. Returns the codes too. */
export async function enrolTotp(app: FastifyInstance, caller: Caller) {
  const setup = await app.inject({
    method: 'POST',
    url: '/api/auth/2fa/totp/setup',
    headers: caller.headers,
  });
  if (setup.statusCode !== 200) throw new Error(`totp setup failed: ${setup.statusCode} ${setup.body}`);
  const { secret } = setup.json() as { secret: string };
  const confirm = await app.inject({
    method: 'POST',
    url: '/api/auth/2fa/totp/confirm',
    headers: caller.headers,
    payload: { code: await totpCode(secret) },
  });
  if (confirm.statusCode !== 200)
    throw new Error(`totp confirm failed: ${confirm.statusCode} ${confirm.body}`);
  const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
  return { caller: { ...caller, totpSecret: secret }, recoveryCodes };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function clientSignupBody(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('client'),
    password: PASSWORD,
    companyName: 'Transports Exemple SAS',
    siren: validSiren(),
    firstName: 'Julie',
    lastName: 'Bernard',
    phone: '+33 6 12 34 56 78',
    acceptTerms: true,
    acceptPrivacy: true,
    ...overrides,
  };
}

export function expertSignupBody(overrides: Record<string, unknown> = {}) {
  return {
    email: uniqueEmail('expert'),
    password: PASSWORD,
    firmName: 'Cabinet Exemple',
    siren: validSiren(),
    firstName: 'Marc',
    lastName: 'Leroy',
    productCodes: ['TICPE', 'URSSAF'],
    yearsOfExperience: 8,
    bio: 'Expert-comptable.',
    acceptTerms: true,
    acceptPrivacy: true,
    ...overrides,
  };
}

async function signup(app: FastifyInstance, url: string, body: Record<string, unknown>): Promise<Caller> {
  const res = await app.inject({ method: 'POST', url, payload: body });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const { user, token } = res.json();
  return { id: user.id, email: user.email, token, headers: bearer(token) };
}

export const signupClient = (app: FastifyInstance, overrides: Record<string, unknown> = {}) =>
  signup(app, '/api/auth/signup/client', clientSignupBody(overrides));

export const signupExpert = (app: FastifyInstance, overrides: Record<string, unknown> = {}) =>
  signup(app, '/api/auth/signup/expert', expertSignupBody(overrides));

/**
 * Admins have no public sign-up: created the way the CLI does (TOTP enrolled), then signed in over
 * HTTP with the password and a code.
 */
export async function createAdmin(t: TestApp): Promise<Caller> {
  const mailer = createMailer({ smtpUrl: undefined, from: 'test', log: pino({ level: 'silent' }) });
  const auth = createAuthService({ db: t.database.db, mailer, publicUrl: 'http://localhost' });
  const email = uniqueEmail('admin');
  const { secondFactor } = await auth.createAdmin({ email, password: PASSWORD });
  return passSecondFactor(t.app, await login(t.app, email), secondFactor.secret);
}

/** The password step of sign-in: the caller, what its session still owes, the cookies set. */
export async function passwordStep(
  app: FastifyInstance,
  email: string,
  options: { password?: string; headers?: Record<string, string> } = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: options.headers ?? {},
    payload: { email, password: options.password ?? PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const { user, token, secondFactor } = res.json();
  const caller: Caller = { id: user.id, email: user.email, token, headers: bearer(token) };
  return { caller, secondFactor: secondFactor as 'none' | 'verify' | 'enrol', cookies: res.cookies };
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Caller> {
  return (await passwordStep(app, email, { password })).caller;
}

export async function approvedExpert(t: TestApp, admin: Caller, overrides: Record<string, unknown> = {}) {
  const expert = await signupExpert(t.app, overrides);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/admin/experts/${expert.id}/approve`,
    headers: admin.headers,
    payload: {},
  });
  if (res.statusCode !== 200) throw new Error(`approve failed: ${res.statusCode} ${res.body}`);
  // Approved, the expert must enrol a second factor before its session grants access again.
  return (await enrolTotp(t.app, expert)).caller;
}

/** The token of the last e-mail sent to `to` whose link contains `path`. */
export async function tokenFromOutbox(t: TestApp, to: string, path: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('outbox')
    .select('body_text')
    .where('to_email', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const match = new RegExp(`${path}\\?token=([\\w-]+)`).exec(row.body_text);
  if (!match?.[1]) throw new Error(`no ${path} link in the last mail to ${to}`);
  return match[1];
}

/** A client who ran worked example A: its dossiers by product code (7 of them). */
export async function clientWithDossiers(app: FastifyInstance, overrides: Record<string, unknown> = {}) {
  const client = await signupClient(app, overrides);
  const created = await app.inject({
    method: 'POST',
    url: '/api/simulations',
    headers: client.headers,
    payload: { answers: WORKED_EXAMPLE_A },
  });
  await app.inject({
    method: 'POST',
    url: `/api/simulations/${created.json().id}/evaluate`,
    headers: client.headers,
  });
  const items = (await app.inject({ url: '/api/dossiers', headers: client.headers })).json().items as {
    id: string;
    productCode: string;
  }[];
  return {
    client,
    byProduct: Object.fromEntries(items.map((d) => [d.productCode, d.id])) as Record<string, string>,
  };
}

/** Runs the notification e-mail job now, as the scheduler would: due e-mails reach the outbox. */
export async function deliverNotificationEmails(t: TestApp): Promise<void> {
  const outcome = await t.scheduler.runNow(NOTIFICATION_EMAILS_JOB, { force: true });
  if (outcome !== 'succeeded') throw new Error(`notification e-mails job ${outcome}`);
}

/** Fills the client's billing identity (address and VAT number), required before a first invoice. */
export async function completeBilling(app: FastifyInstance, client: Caller) {
  const me = await app.inject({ url: '/api/auth/me', headers: client.headers });
  const siren = String(me.json().profile.siren);
  const res = await app.inject({
    method: 'PATCH',
    url: '/api/clients/me/profile',
    headers: client.headers,
    payload: {
      billingStreet: '12 avenue des Transporteurs',
      billingPostcode: '69007',
      billingCity: 'Lyon',
      vatNumber: `FR${frenchVatKey(siren)}${siren}`,
    },
  });
  if (res.statusCode !== 200) throw new Error(`billing failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The client's legal representative reads and signs the letter and the mandate of a dossier. */
export async function signEngagements(app: FastifyInstance, client: Caller, dossierId: string) {
  const list = await app.inject({ url: `/api/dossiers/${dossierId}/engagements`, headers: client.headers });
  const documents = list.json().documents as { id: string; sha256: string; kind: string }[];
  if (documents.length !== 2) throw new Error(`expected 2 engagement documents: ${list.body}`);
  for (const document of documents) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/engagements/${document.id}/sign`,
      headers: client.headers,
      payload: {
        documentSha256: document.sha256,
        signerName: 'Julie Bernard',
        signerCapacity: 'Présidente',
        consent: true,
      },
    });
    if (res.statusCode !== 200) throw new Error(`sign failed: ${res.statusCode} ${res.body}`);
  }
  return documents;
}
