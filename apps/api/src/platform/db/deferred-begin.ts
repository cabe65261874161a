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
    if (this.pendingBegin && foldable.has(query)) {
      this.pendingBegin = false;
      // One simple-protocol message, `begin; select set_config(…)`: one round trip instead of two.
      await this.inner.executeQuery(CompiledQuery.raw(`begin; ${inline(query)}`));
      return { rows: [] };
    }
    await this.flush();
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    await this.flush();
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }

  /** Sends the `begin` still owed, if any, before a statement that cannot carry it. */
  async flush() {
    if (!this.pendingBegin) return;
    this.pendingBegin = false;
    await this.inner.executeQuery(CompiledQuery.raw('begin'));
  }

  /** True when the transaction never reached the server: nothing to commit or roll back. */
  endsUnsent(): boolean {
    const unsent = this.pendingBegin;
    this.pendingBegin = false;
    return unsent;
  }
}

const deferredOf = (connection: DatabaseConnection) => connection as DeferredBeginConnection;

/**
 * PostgreSQL's driver, except that a plain `begin` waits for the transaction's first statement and,
 * when that statement is the scope's (marked with `foldableIntoBegin`), leaves in the same message.
 * Every scoped request then goes to the server one time fewer (docs/performance.md). A transaction
 * that sends nothing sends no `begin`, `commit` nor `rollback` either. Isolation levels, access
 * modes and savepoints go as before (a savepoint sends the `begin` owed first; rolling back to or
 * releasing one comes after it).
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
    if (settings.isolationLevel || settings.accessMode) {
      return this.inner.beginTransaction(deferredOf(connection).inner, settings);
    }
    deferredOf(connection).pendingBegin = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    if (!deferredOf(connection).endsUnsent())
      await this.inner.commitTransaction(deferredOf(connection).inner);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    if (!deferredOf(connection).endsUnsent())
      await this.inner.rollbackTransaction(deferredOf(connection).inner);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await deferredOf(connection).flush();
    await this.inner.savepoint?.(deferredOf(connection).inner, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.rollbackToSavepoint?.(deferredOf(connection).inner, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    await this.inner.releaseSavepoint?.(deferredOf(connection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(deferredOf(connection).inner);
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
