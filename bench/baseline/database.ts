// The baseline's database access: the same driver, pool size and type parsing as the API
// (apps/api/src/platform/db/database.ts), with no query builder and no ORM in between.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Query = <R>(text: string, params?: unknown[]) => Promise<R[]>;

export type BaselineDatabase = {
  /** One statement on any connection of the pool, outside a transaction (the session lookup). */
  query: Query;
  /** Runs `work` between `begin` and `commit` on one connection, like Kysely's transaction(). */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const INT8_OID = 20;
const DATE_OID = 1082;
const parseInt8 = (value: string) => Number(value);
const keepDate = (value: string) => value;

/**
 * BENCH_BASELINE_PREPARED=1: the baselines send each statement with parameters as a named one, as
 * the API sends its compiled shapes (apps/api/src/platform/db/database.ts), to show what preparing
 * is worth to a server without the API's framework. Off by default: the baselines are the plain
 * servers the issue describes.
 */
const names = process.env.BENCH_BASELINE_PREPARED === '1' ? new Map<string, string>() : undefined;
export const preparesStatements = names !== undefined;
function send(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) {
  if (!names || !params?.length) return client.query(text, params);
  let name = names.get(text);
  if (!name) {
    name = `bench_${names.size + 1}`;
    names.set(text, name);
  }
  return client.query({ name, text, values: params });
}

function openServer(url: string, poolSize: number): BaselineDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // As the API's pool (platform/db/database.ts): the baselines get no slower plan than it does.
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8_OID) return parseInt8;
        if (oid === DATE_OID) return keepDate;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  return {
    query: async (text, params) => (await send(pool, text, params)).rows,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const query: Query = async (text, params) => (await send(client, text, params)).rows;
        const result = await work(query);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(dataDir: string): Promise<BaselineDatabase> {
  const engine = await PGlite.create({ dataDir, parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepDate } });
  // One in-process backend: callers queue, as in the API's PGlite dialect.
  let queue: Promise<void> = Promise.resolve();
  const turn = async () => {
    const previous = queue;
    let release: () => void = () => {};
    queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    return release;
  };
  return {
    async query<R>(text: string, params?: unknown[]) {
      const release = await turn();
      try {
        return (await engine.query<R>(text, params)).rows;
      } finally {
        release();
      }
    },
    async transaction(work) {
      const release = await turn();
      try {
        await engine.query('begin');
        const query: Query = async <R>(text: string, params?: unknown[]) =>
          (await engine.query<R>(text, params)).rows;
        const result = await work(query);
        await engine.query('commit');
        return result;
      } catch (error) {
        await engine.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        release();
      }
    },
    close: () => engine.close(),
  };
}

export async function openBaselineDatabase(
  target: { url: string; poolSize: number } | { dataDir: string },
): Promise<BaselineDatabase> {
  return 'url' in target ? openServer(target.url, target.poolSize) : openEmbedded(target.dataDir);
}
