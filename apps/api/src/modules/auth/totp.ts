import { Secret, TOTP } from 'otpauth';

// Only otpauth here: the browser tests import this file to compute codes as an authenticator app does.

export const TOTP_ISSUER = 'FinancialTracker';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export function totpFor(secret: string, label: string) {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * The time step a code belongs to (one step of drift either way, RFC 6238 §5.2), or null. A step at
 * or before `lastStep` was already used: a code is accepted once, so an observed code cannot be
 * replayed within its 30 seconds.
 */
export function acceptedStep(secret: string, code: string, lastStep: number | null): number | null {
  const delta = totpFor(secret, 'check').validate({ token: code, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
