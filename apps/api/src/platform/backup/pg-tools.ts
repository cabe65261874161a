import { spawn } from 'node:child_process';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { BackupError } from './layout';

// biome-ignore lint/suspicious/noExplicitAny: works on any schema.
type AnyDb = Kysely<any>;

export type PgTool = 'pg_dump' | 'pg_restore';

/**
 * pg_dump/pg_restore take the connection from libpq variables rather than a URL argument, so the
 * password never shows in the process list.
 */
export function libpqEnvironment(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.PGHOST = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || 'localhost';
  env.PGPORT = parsed.port || '5432';
  env.PGDATABASE = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function serverMajorVersion(db: AnyDb): Promise<number> {
  const result = await sql<{
    version: string;
  }>`select current_setting('server_version_num') as version`.execute(db);
  return Math.floor(Number(result.rows[0]?.version ?? 0) / 10000);
}

type RunResult = { code: number | null; stdout: string; stderr: string; missing: boolean };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' }),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr, missing: false }));
  });
}

/**
 * Finds a client tool able to handle the server: pg_dump refuses a server newer than itself, so a
 * missing or older tool is reported with what to install, before anything is written.
 */
export async function resolvePgTool(
  tool: PgTool,
  serverMajor: number,
  binDir: string | undefined,
): Promise<string> {
  const command = binDir ? path.join(binDir, tool) : tool;
  const install = `install the PostgreSQL ${serverMajor} client tools (Debian/Ubuntu: apt-get install postgresql-client-${serverMajor}) or set PG_BIN_DIR`;
  const result = await run(command, ['--version']);
  if (result.missing) throw new BackupError(`${tool} was not found (${command}): ${install}.`);
  const major = Number(/(\d+)(?:\.\d+)?/.exec(result.stdout)?.[1] ?? 0);
  if (result.code !== 0 || major === 0)
    throw new BackupError(`${command} --version failed: ${result.stderr.trim()}`);
  if (major < serverMajor) {
    throw new BackupError(`${tool} ${major} cannot handle a PostgreSQL ${serverMajor} server: ${install}.`);
  }
  return command;
}

export async function runPgTool(command: string, args: string[], url: string): Promise<void> {
  const result = await run(command, args, libpqEnvironment(url));
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n').slice(-5).join(' | ');
    throw new BackupError(`${path.basename(command)} failed (exit ${result.code}): ${detail}`);
  }
}
