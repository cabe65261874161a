import path from 'node:path';
import { z } from 'zod';
import { type OperationsConfig, operationsEnvSchema, toOperationsConfig } from './operations/config';
import {
  type RateLimitSettings,
  rateLimitEnvSchema,
  toRateLimitSettings,
} from './platform/http/rate-limit-config';
import type { S3Settings } from './platform/storage/s3';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

// An empty value (`S3_BUCKET=` in an env file) means "not set".
const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().min(1).optional(),
);
const s3EnvSchema = {
  S3_BUCKET: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be a bucket name (3-63 lower-case letters, digits, dots, hyphens)',
      )
      .optional(),
  ),
  S3_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  S3_REGION: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
};

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(5001),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MIGRATE_ON_START: booleanFromEnv.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: booleanFromEnv.optional(),
  PUBLIC_URL: z.url().optional(),
  WEB_DIST_DIR: z.string().min(1).optional(),
  JOBS_ENABLED: booleanFromEnv.default(true),
  JOBS_FIRST_RUN_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
  CORS_ORIGIN: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url('each origin must be a URL such as https://app.example.fr'))),
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'a host name such as financialtracker.fr')
    .optional(),
  TRUST_PROXY: z.string().default('false'),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).max(1_000_000_000).default(20_000_000),
  MAIL_FROM: z.string().min(3).default('FinancialTracker <no-reply@financialtracker.fr>'),
  PLATFORM_LEGAL_NAME: z.string().min(2).default('FinancialTracker SAS'),
  PLATFORM_SIREN: z
    .string()
    .regex(/^\d{9}$/, 'must be 9 digits')
    .default('552100554'),
  PLATFORM_VAT_NUMBER: z.string().min(4).default('FR40552100554'),
  PLATFORM_ADDRESS: z
    .string()
    .regex(/^.+,\s*\d{5}\s+.+$/, 'must read "street, postcode city", e.g. "10 rue de la Paix, 75002 Paris"')
    .default('10 rue de la Paix, 75002 Paris'),
  PLATFORM_LEGAL_FORM: z.string().min(2).default('SAS au capital de 10 000 €'),
  PLATFORM_RCS: z.string().min(2).default('RCS Paris 552 100 554'),
  PLATFORM_IBAN: z
    .string()
    .transform((value) => value.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'must be an IBAN'))
    .default('FR7630006000011234567890189'),
  PLATFORM_BIC: optionalText,
  // "Option pour le paiement de la TVA d'après les débits" (CGI art. 269): printed when opted.
  PLATFORM_VAT_ON_DEBITS: booleanFromEnv.default(false),
  // The platform's sealing certificate (PKCS#12) for signed letters; a self-signed one is generated
  // under DATA_DIR/signing when unset.
  SIGNING_P12_PATH: optionalText,
  SIGNING_P12_PASSWORD: z.string().default(''),
  // Transmission of Factur-X invoices to a plateforme agréée: none (default) or http.
  PA_ADAPTER: z.enum(['none', 'http']).default('none'),
  PA_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  PA_API_KEY: optionalText,
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, 'letters, digits and : . - _ only')
    .default('ft:'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  ...s3EnvSchema,
  ...rateLimitEnvSchema,
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'embedded'; dataDir: string } | { kind: 'server'; url: string; poolSize: number };
  migrateOnStart: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logPretty: boolean;
  publicUrl: string;
  webDistDir: string | undefined;
  jobsEnabled: boolean;
  /** Jobs first run this long after start-up, then at their interval. */
  jobsFirstRunDelayMs: number;
  /** Other origins allowed to call the API with credentials (an SPA deployed on its own). */
  corsOrigins: string[];
  /**
   * Passkeys (WebAuthn): the relying party's id (a host name the SPA's origins end with) and the
   * origins a ceremony may come from (PUBLIC_URL's and CORS_ORIGIN's).
   */
  webauthn: { rpId: string; rpName: string; origins: string[] };
  /** Fastify's trustProxy: false, true, or a comma-separated list of proxy addresses/CIDRs. */
  trustProxy: boolean | string;
  seedDemoData: boolean;
  smtpUrl: string | undefined;
  /** Largest accepted upload; enforced while the file streams in. */
  maxUploadBytes: number;
  /** Where uploaded files are stored (DATA_DIR/files). */
  filesDir: string;
  /** S3-compatible storage instead of `filesDir`, when S3_BUCKET is set. */
  s3: S3Settings | undefined;
  mailFrom: string;
  /** Cookies get `Secure` everywhere but on localhost over plain HTTP. */
  secureCookies: boolean;
  /** The seller on invoices: the platform's legal identity. */
  platform: PlatformIdentity;
  /** The sealing certificate of signed letters; undefined: a self-signed one under DATA_DIR/signing. */
  signing: { p12Path: string; password: string } | undefined;
  /** Transmission of invoices to a plateforme agréée (disabled by default). */
  pa: { kind: 'none' } | { kind: 'http'; endpoint: string; apiKey: string | undefined };
  version: string;
  /** Shared state across instances (rate limits, cache); everything stays in memory without it. */
  redis: { url: string; keyPrefix: string } | undefined;
  /** Per signed-in person or, without a session, per client IP on /api (docs/decisions.md). */
  rateLimit: RateLimitSettings;
  /** Also write logs to daily-rotated files kept 7 days. */
  logDir: string | undefined;
  /** Bearer token for GET /metrics; without it the endpoint does not exist. */
  metricsToken: string | undefined;
  cacheTtlSeconds: number;
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  shutdownTimeoutMs: number;
  /** Backups, restore, maintenance (operations/config.ts). */
  operations: OperationsConfig;
};

function webauthnSettings(e: z.infer<typeof envSchema>): Config['webauthn'] {
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const rpId = e.WEBAUTHN_RP_ID ?? publicUrl.hostname;
  // A browser refuses a ceremony whose RP id is neither the page's host nor a parent domain of it.
  const fits = (origin: string) => {
    const host = new URL(origin).hostname;
    return host === rpId || host.endsWith(`.${rpId}`);
  };
  if (!fits(publicUrl.origin)) {
    throw new ConfigError(
      `Invalid environment variable WEBAUTHN_RP_ID: ${rpId} is neither ${publicUrl.hostname} nor a parent domain of it`,
    );
  }
  // A CORS origin on another domain keeps working, without passkeys.
  const origins = [publicUrl.origin, ...e.CORS_ORIGIN.map((origin) => new URL(origin).origin)].filter(fits);
  return { rpId, rpName: 'FinancialTracker', origins: [...new Set(origins)] };
}

function parseTrustProxy(value: string): boolean | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function isLocalHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type PlatformIdentity = {
  legalName: string;
  siren: string;
  vatNumber: string;
  /** "street, postcode city" */
  address: string;
  legalForm: string;
  rcs: string;
  iban: string;
  bic: string | null;
  vatOnDebits: boolean;
};

function paSettings(e: z.infer<typeof envSchema>): Config['pa'] {
  if (e.PA_ADAPTER === 'none') return { kind: 'none' };
  if (!e.PA_ENDPOINT)
    throw new ConfigError('Invalid environment variable PA_ENDPOINT: required when PA_ADAPTER=http');
  return { kind: 'http', endpoint: e.PA_ENDPOINT, apiKey: e.PA_API_KEY };
}

/** The S3 variables go together: a half-configured bucket fails at start-up, naming what is missing. */
function s3Settings(e: z.infer<typeof envSchema>): S3Settings | undefined {
  const missing = (variable: string, because: string) =>
    new ConfigError(`Invalid environment variable ${variable}: required when ${because} is set`);
  if (!e.S3_BUCKET) {
    const stray = (['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find(
      (name) => e[name],
    );
    if (stray) throw missing('S3_BUCKET', stray);
    return undefined;
  }
  if (!e.S3_REGION) throw missing('S3_REGION', 'S3_BUCKET');
  if (e.S3_ACCESS_KEY_ID && !e.S3_SECRET_ACCESS_KEY)
    throw missing('S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID');
  if (e.S3_SECRET_ACCESS_KEY && !e.S3_ACCESS_KEY_ID)
    throw missing('S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY');
  return {
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

/**
 * Reads the environment once at start-up. A bad value throws a ConfigError whose message is one
 * line naming the variable, so an operator sees at once what to fix.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const parsed = envSchema.extend(operationsEnvSchema.shape).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid environment variable ${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'server', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'embedded', dataDir: path.join(dataDir, 'pg') },
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY ?? e.NODE_ENV === 'development',
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    webDistDir: e.WEB_DIST_DIR,
    jobsEnabled: e.JOBS_ENABLED,
    jobsFirstRunDelayMs: e.JOBS_FIRST_RUN_DELAY_MS,
    corsOrigins: e.CORS_ORIGIN.map((origin) => new URL(origin).origin),
    webauthn: webauthnSettings(e),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Demo accounts with printed passwords must never appear in production, whatever else is set.
    seedDemoData: e.NODE_ENV !== 'production' && (e.SEED_DEMO_DATA ?? true),
    smtpUrl: e.SMTP_URL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    filesDir: path.join(dataDir, 'files'),
    s3: s3Settings(e),
    mailFrom: e.MAIL_FROM,
    platform: {
      legalName: e.PLATFORM_LEGAL_NAME,
      siren: e.PLATFORM_SIREN,
      vatNumber: e.PLATFORM_VAT_NUMBER,
      address: e.PLATFORM_ADDRESS,
      legalForm: e.PLATFORM_LEGAL_FORM,
      rcs: e.PLATFORM_RCS,
      iban: e.PLATFORM_IBAN,
      bic: e.PLATFORM_BIC ?? null,
      vatOnDebits: e.PLATFORM_VAT_ON_DEBITS,
    },
    signing: e.SIGNING_P12_PATH
      ? { p12Path: path.resolve(e.SIGNING_P12_PATH), password: e.SIGNING_P12_PASSWORD }
      : undefined,
    pa: paSettings(e),
    secureCookies: !isLocalHttp(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`),
    version,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    rateLimit: toRateLimitSettings(e),
    logDir: e.LOG_DIR ? path.resolve(e.LOG_DIR) : undefined,
    metricsToken: e.METRICS_TOKEN,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    operations: toOperationsConfig(e, dataDir, e.DATABASE_URL ? 'server' : 'embedded'),
  };
}
