import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock';
import { PGliteDialect } from './pglite-dialect';

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string | undefined; loadFrom?: Blob }
  | { kind: 'server'; url: string; poolSize: number; onConnectionError?: (error: Error) => void };

export type DatabaseHandle<DB> = {
  kind: 'embedded' | 'server';
  db: Kysely<DB>;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The embedded engine, for dumps (backups, test templates); undefined on a server. */
  embedded: PGlite | undefined;
};

const INT8_OID = 20;
const DATE_OID = 1082;

// Same JavaScript values on both engines: int8 (money in cents) as number, dates as 'YYYY-MM-DD'.
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

export async function openDatabase<DB>(target: DatabaseTarget): Promise<DatabaseHandle<DB>> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize,
      // Fail fast when the server cannot be reached or the pool stays exhausted: a request
      // answers 503 (error handler) instead of hanging until the client gives up.
      connectionTimeoutMillis: 5_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8_OID) return parseInt8;
          if (oid === DATE_OID) return keepDate;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // A connection dropped by the server (restart, failover, network cut) emits 'error': on the
    // pool while idle, on the client while checked out between two statements. Without a listener
    // Node ends the process; with one, the statement in flight fails (503) and the pool drops the
    // broken client when it is released.
    const onConnectionError = (error: Error) => target.onConnectionError?.(error);
    pool.on('error', onConnectionError);
    pool.on('connect', (client) => client.on('error', onConnectionError));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'server',
      db,
      embedded: undefined,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }

  const release = target.dataDir ? acquireDataDirLock(target.dataDir) : () => {};
  try {
    const embedded = await PGlite.create({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadFrom ? { loadDataDir: target.loadFrom } : {}),
      parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepDate },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(embedded) });
    return {
      kind: 'embedded',
      db,
      embedded,
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
