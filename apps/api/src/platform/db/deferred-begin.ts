import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';

/**
 * Statements that may travel in the same message as the `begin` of their transaction: the scope's
 * `select set_config($1, $2, true), …` (platform/db/scoped.ts). Marked by identity, never by text.
 */
const foldable = new WeakSet<CompiledQuery>();

/** Marks a statement made only of `$n` placeholders for text values, whose rows nobody reads. */
export function foldableIntoBegin(query: CompiledQuery): CompiledQuery {
  foldable.add(query);
  return query;
}

/** `$n` → the n-th value as an SQL literal, escaped by pg (quotes and backslashes). */
function inline(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_match, index: string) => {
    const value = query.parameters[Number(index) - 1];
    if (typeof value !== 'string') throw new Error('a statement folded into begin takes text values only');
    return pg.escapeLiteral(value);
  });
}

/** The connection Kysely is given: remembers whether its transaction's `begin` is still to send. */
class DeferredBeginConnection implements DatabaseConnection {
  pendingBegin = false;
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.pendingBegin) {
      this.pendingBegin = false;
      if (foldable.has(query)) {
        // One simple-protocol message, `begin; select set_config(…)`: one round trip instead of two.
        await this.inner.executeQuery(CompiledQuery.raw(`begin; ${inline(query)}`));
        return { rows: [] };
      }
      await this.inner.executeQuery(CompiledQuery.raw('begin'));
    }
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.flush();
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }

  async flush() {
    if (!this.pendingBegin) return;
    this.pendingBegin = false;
    await this.inner.executeQuery(CompiledQuery.raw('begin'));
  }
}

/**
 * PostgreSQL's driver, except that a plain `begin` waits for the transaction's first statement and,
 * when that statement is the scope's (marked with `foldableIntoBegin`), leaves in the same message.
 * Every scoped request then goes to the server one time fewer (docs/performance.md). A transaction
 * that sends nothing sends no `begin`, `commit` nor `rollback` either. Isolation levels, access
 * modes and savepoints go as before.
 */
class DeferredBeginDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new DeferredBeginConnection(await this.inner.acquireConnection());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const deferred = connection as DeferredBeginConnection;
    if (settings.isolationLevel || settings.accessMode)
      return this.inner.beginTransaction(deferred.inner, settings);
    deferred.pendingBegin = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    const deferred = connection as DeferredBeginConnection;
    if (deferred.pendingBegin) {
      deferred.pendingBegin = false;
      return;
    }
    return this.inner.commitTransaction(deferred.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const deferred = connection as DeferredBeginConnection;
    if (deferred.pendingBegin) {
      deferred.pendingBegin = false;
      return;
    }
    return this.inner.rollbackTransaction(deferred.inner);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    const deferred = connection as DeferredBeginConnection;
    await deferred.flush();
    return this.inner.savepoint?.(deferred.inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    const deferred = connection as DeferredBeginConnection;
    return this.inner.rollbackToSavepoint?.(deferred.inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    const deferred = connection as DeferredBeginConnection;
    return this.inner.releaseSavepoint?.(deferred.inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection) {
    const deferred = connection as DeferredBeginConnection;
    // A connection is only released once its transaction has ended; never keep a pending flag.
    deferred.pendingBegin = false;
    return this.inner.releaseConnection(deferred.inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

/** `PostgresDialect` whose transactions send their `begin` with their first statement. */
export class DeferredBeginPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new DeferredBeginDriver(super.createDriver());
  }
}
