import type { Page } from 'playwright-core';
import { totpFor } from '../apps/api/src/modules/auth/totp';
import { apiCall } from './api';

// TOTP secrets of the accounts this spec file enrolled, by e-mail.
const secrets = new Map<string, string>();
const usedSteps = new Map<string, number>();

export const rememberSecret = (email: string, secret: string) => secrets.set(email, secret);

/**
 * A code the server will accept for `secret`: each code is accepted once, so successive calls take
 * successive time steps (one step of drift is allowed), waiting when none is left.
 */
export async function totpCode(secret: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(current, (usedSteps.get(secret) ?? current - 1) + 1);
    if (step <= current + 1) {
      usedSteps.set(secret, step);
      return totpFor(secret, 'e2e').generate({ timestamp: step * 30_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export function secretOf(email: string): string {
  const secret = secrets.get(email);
  if (!secret) throw new Error(`no TOTP secret known for ${email}`);
  return secret;
}

/** Enrolment in the SPA: the secret is read off the page (as a person would type it), then confirmed. */
export async function enrolInPage(page: Page, email: string): Promise<string[]> {
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  rememberSecret(email, secret);
  await page.getByLabel(/Saisissez le code à 6 chiffres/).fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Activer', exact: true }).click();
  const codes = await page.locator('.recovery-codes code').allTextContents();
  await page.getByLabel("J'ai enregistré mes codes de secours").check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  return codes;
}

/** After "Se connecter": passes whatever second step the SPA asks for (enrolment or a code). */
export async function finishSignIn(page: Page, email: string): Promise<void> {
  await page.waitForURL((url) => url.pathname !== '/connexion');
  const path = new URL(page.url()).pathname;
  if (path === '/connexion/double-authentification') {
    await enrolInPage(page, email);
  } else if (path === '/connexion/code') {
    await page.getByLabel('Code à 6 chiffres').fill(await totpCode(secretOf(email)));
    await page.getByRole('button', { name: 'Valider' }).click();
  }
}

/** A bearer token for API set-up calls, through the second step (enrolling first when due). */
export async function signInApi(email: string, password: string): Promise<string> {
  const { token, secondFactor } = await apiCall<{ token: string; secondFactor: string }>(
    'POST',
    '/api/auth/login',
    { email, password },
  );
  if (secondFactor === 'enrol') await enrolApi(email, token);
  if (secondFactor === 'verify') {
    await apiCall('POST', '/api/auth/2fa/verify', { code: await totpCode(secretOf(email)) }, token);
  }
  return token;
}

/** TOTP enrolment over the API for a session that owes it (an expert just approved). */
export async function enrolApi(email: string, token: string): Promise<void> {
  const { secret } = await apiCall<{ secret: string }>('POST', '/api/auth/2fa/totp/setup', {}, token);
  rememberSecret(email, secret);
  await apiCall('POST', '/api/auth/2fa/totp/confirm', { code: await totpCode(secret) }, token);
}

/**
 * Chromium's virtual authenticator on this page (CDP WebAuthn domain), standing in for a phone or
 * a security key: a CTAP2 platform authenticator with resident keys that verifies its user and
 * answers every ceremony at once.
 */
export async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    /** The credentials the authenticator holds, with their signature counters. */
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}
