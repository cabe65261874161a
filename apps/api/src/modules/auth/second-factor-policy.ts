import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { SecondFactorState } from '../../platform/auth/actor';
import type { SessionUser } from './repository';

export const TOTP_ISSUER = 'FinancialTracker';
export const RECOVERY_CODE_COUNT = 10;
export const TRUSTED_DEVICE_MS = 30 * 24 * 3600 * 1000;
export const TRUSTED_DEVICE_COOKIE = 'ft_trusted_device';

/**
 * Staff see every client's payslips and bank details: admins and approved experts must have a
 * second factor. A pending or rejected expert sees no client data, so it is asked once approved.
 */
export function secondFactorRequired(
  role: SessionUser['role'],
  approval: SessionUser['approval_status'],
  requireForAll: boolean,
): boolean {
  return requireForAll || role === 'admin' || (role === 'expert' && approval === 'approved');
}

/** What a live session still owes. */
export function secondFactorState(session: SessionUser): SecondFactorState {
  if (session.second_factor_at) return 'none';
  if (session.has_second_factor) return 'verify';
  return secondFactorRequired(session.role, session.approval_status, session.require_second_factor_for_all)
    ? 'enrol'
    : 'none';
}

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

// No 0/o, 1/l/i: codes are read off paper.
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** "abcde-fghij": ten characters of a 31-letter alphabet, about 49 bits. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** As stored and compared: lower case, no separators (the contract's schema normalises input alike). */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
