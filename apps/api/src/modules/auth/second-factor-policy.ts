import { randomInt } from 'node:crypto';
import type { SecondFactorState } from '../../platform/auth/actor';
import type { SessionUser } from './repository';

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
