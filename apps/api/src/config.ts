import path from 'node:path';
import { z } from 'zod';
import { type OperationsConfig, operationsEnvSchema, toOperationsConfig } from './operations/config';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

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
  PLATFORM_ADDRESS: z.string().min(5).default('10 rue de la Paix, 75002 Paris'),
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
  /** Other origins allowed to call the API with credentials (an SPA deployed on its own). */
  corsOrigins: string[];
  /** Fastify's trustProxy: false, true, or a comma-separated list of proxy addresses/CIDRs. */
  trustProxy: boolean | string;
  seedDemoData: boolean;
  smtpUrl: string | undefined;
  /** Largest accepted upload; enforced while the file streams in. */
  maxUploadBytes: number;
  /** Where uploaded files are stored (DATA_DIR/files). */
  filesDir: string;
  mailFrom: string;
  /** Cookies get `Secure` everywhere but on localhost over plain HTTP. */
  secureCookies: boolean;
  /** The seller on invoices: the platform's legal identity. */
  platform: { legalName: string; siren: string; vatNumber: string; address: string };
  version: string;
  /** Backups, restore, maintenance (operations/config.ts). */
  operations: OperationsConfig;
};

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
    corsOrigins: e.CORS_ORIGIN.map((origin) => new URL(origin).origin),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    // Demo accounts with printed passwords must never appear in production, whatever else is set.
    seedDemoData: e.NODE_ENV !== 'production' && (e.SEED_DEMO_DATA ?? true),
    smtpUrl: e.SMTP_URL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    filesDir: path.join(dataDir, 'files'),
    mailFrom: e.MAIL_FROM,
    platform: {
      legalName: e.PLATFORM_LEGAL_NAME,
      siren: e.PLATFORM_SIREN,
      vatNumber: e.PLATFORM_VAT_NUMBER,
      address: e.PLATFORM_ADDRESS,
    },
    secureCookies: !isLocalHttp(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`),
    version,
    operations: toOperationsConfig(e, dataDir, e.DATABASE_URL ? 'server' : 'embedded'),
  };
}
