import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, type LogEvent, sql } from 'kysely';
import pg from 'pg';
import { dbPoolConnections, dbQueries, dbQueryDuration } from '../metrics/metrics';
import { acquireDataDirLock } from './data-dir-lock';
import { DeferredBeginPostgresDialect } from './deferred-begin';
import { PGliteDialect } from './pglite-dialect';
import { statementName } from './prepared';

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string | undefined; loadFrom?: Blob }
  | { kind: 'server'; url: string; poolSize: number; onConnectionError?: (error: Error) => void };

export type DatabaseHandle<DB> = {
  kind: 'embedded' | 'server';
  db: Kysely<DB>;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Copies the pool's connection counts into the metrics (server mode; nothing to do embedded). */
  readPoolStats(): void;
  /** The embedded engine, for dumps (backups, test templates); undefined on a server. */
  embedded: PGlite | undefined;
};

const INT8_OID = 20;
const DATE_OID = 1082;

// Same JavaScript values on both engines: int8 (money in cents) as number, dates as 'YYYY-MM-DD'.
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

const PING_TIMEOUT_MS = 3_000;

/** Readiness must answer even when the database hangs rather than refuses. */
async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every statement is counted and timed for the metrics; Kysely reports both outcomes. */
function measureQuery(event: LogEvent) {
  dbQueries.inc({ outcome: event.level === 'query' ? 'ok' : 'error' });
  dbQueryDuration.observe(event.queryDurationMillis / 1000);
}

/**
 * The statements compiled once (prepared.ts) leave this client as named statements: PostgreSQL
 * parses each once per connection, and a transaction that asks for generic plans
 * (`DbScope.genericPlans`) plans it once too (docs/performance.md). Every other text goes as
 * before, unnamed. Kysely calls `query(text, values)`; the call is resolved on pg's prototype each
 * time, so what wraps that (the bench's recorder) still sees every statement.
 */
function sendCompiledShapesNamed(client: pg.PoolClient) {
  client.query = function (this: pg.PoolClient, ...args: unknown[]) {
    const send = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? statementName(text) : undefined;
    return name ? send.call(this, { name, text, values }) : send.apply(this, args);
  } as typeof client.query;
}

export async function openDatabase<DB>(target: DatabaseTarget): Promise<DatabaseHandle<DB>> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize,
      // Fail fast while the server is unreachable instead of queueing requests behind it.
      connectionTimeoutMillis: 5_000,
      // No JIT compilation: every statement here is a short OLTP read or write, and JIT (on by
      // default in PostgreSQL 11+) starts compiling once a plan's estimate passes 100 000, which
      // row-level-security subplans reach on ordinary reads (docs/decisions.md): the compilation
      // then costs far more than the query.
      options: '-c jit=off',
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8_OID) return parseInt8;
          if (oid === DATE_OID) return keepDate;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // A client whose server connection dies (database restarted, network cut) emits 'error': on
    // the pool while idle, on the client itself while checked out. Unhandled, either would crash
    // the process. The query in flight still fails with the error (503), the pool drops the broken
    // client on release and opens a fresh one next time, so the API recovers by itself.
    const onConnectionError = (error: Error) => target.onConnectionError?.(error);
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => {
      client.on('error', onConnectionError);
      sendCompiledShapesNamed(client);
    });
    // A transaction's `begin` leaves with its first statement when that is the scope's (deferred-begin.ts).
    const db = new Kysely<DB>({ dialect: new DeferredBeginPostgresDialect({ pool }), log: measureQuery });
    return {
      kind: 'server',
      db,
      embedded: undefined,
      readPoolStats: () => {
        dbPoolConnections.set({ state: 'total' }, pool.totalCount);
        dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
        dbPoolConnections.set({ state: 'waiting' }, pool.waitingCount);
      },
      ping: () => withTimeout(sql`select 1`.execute(db), PING_TIMEOUT_MS),
      close: () => db.destroy(),
    };
  }

  const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => {};
  try {
    const embedded = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadFrom ? { loadDataDir: target.loadFrom } : {}),
      parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepDate },
      // Exclusion constraints mixing equality and ranges (no double-booked expert) need btree_gist.
      extensions: { btree_gist },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(embedded), log: measureQuery });
    return {
      kind: 'embedded',
      db,
      embedded,
      readPoolStats: () => {},
      ping: async () => {
        if (embedded.closed) throw new Error('embedded database is closed');
        await sql`select 1`.execute(db);
      },
      close: async () => {
        // Kysely only tears down a driver it has used; close the engine itself in every case.
        await db.destroy();
        if (!embedded.closed) await embedded.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
