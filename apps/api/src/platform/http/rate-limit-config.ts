import { z } from 'zod';

const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)?$/, 'must be a duration such as 900s, 15m or 1h')
  .refine((value) => parseDuration(value) >= 1000, 'must be at least one second');

/** Variables that used to mean "per IP" and would now be silently ignored: refused with a pointer. */
const REPLACED = {
  RATE_LIMIT_MAX: 'RATE_LIMIT_USER_MAX (per signed-in person) and RATE_LIMIT_ANONYMOUS_MAX (per IP)',
  RATE_LIMIT_STRICT_MAX: 'RATE_LIMIT_SENSITIVE_MAX',
} as const;

/**
 * The limiter's variables; defaults come from measured use (docs/decisions.md, "Rate limits").
 * Spread into the environment schema of config.ts.
 */
export const rateLimitEnvSchema = {
  RATE_LIMIT_WINDOW: duration.default('1m'),
  RATE_LIMIT_USER_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_ANONYMOUS_MAX: z.coerce.number().int().min(1).default(400),
  RATE_LIMIT_SENSITIVE_MAX: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SENSITIVE_WINDOW: duration.default('15m'),
  ...Object.fromEntries(
    Object.entries(REPLACED).map(([name, replacement]) => [
      name,
      z.undefined({ error: `no longer read; use ${replacement}` }).optional(),
    ]),
  ),
};

export type RateLimitSettings = {
  windowMs: number;
  /** Requests per signed-in person (user id) per window, whatever their address. */
  userMax: number;
  /** Requests per client IP per window for callers without a session. */
  anonymousMax: number;
  /** Per route and caller on sign-in, sign-up, password reset and simulation creation. */
  sensitiveMax: number;
  sensitiveWindowMs: number;
};

type RateLimitEnv = {
  RATE_LIMIT_WINDOW: string;
  RATE_LIMIT_USER_MAX: number;
  RATE_LIMIT_ANONYMOUS_MAX: number;
  RATE_LIMIT_SENSITIVE_MAX: number;
  RATE_LIMIT_SENSITIVE_WINDOW: string;
};

export function toRateLimitSettings(e: RateLimitEnv): RateLimitSettings {
  return {
    windowMs: parseDuration(e.RATE_LIMIT_WINDOW),
    userMax: e.RATE_LIMIT_USER_MAX,
    anonymousMax: e.RATE_LIMIT_ANONYMOUS_MAX,
    sensitiveMax: e.RATE_LIMIT_SENSITIVE_MAX,
    sensitiveWindowMs: parseDuration(e.RATE_LIMIT_SENSITIVE_WINDOW),
  };
}

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `900s`, `15m`, `1h`, `500ms`; a bare number is seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  const unit = (match?.[2] ?? 's') as keyof typeof DURATION_UNITS;
  return Number(match?.[1] ?? 0) * DURATION_UNITS[unit];
}
