import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

/** Marks a named parameter in the one compilation of a shape; never sent to the database. */
const MARK = '\u0000ft-param:';

type Named = Record<string, unknown>;

/**
 * The text of every shape compiled here, with the name it is prepared under on a server
 * connection (database.ts): sent as a named statement, a shape is parsed once per connection
 * instead of on every request, and may keep a generic plan (`DbScope.genericPlans`). Names are
 * given in order of first compilation, so a text always has the same name within a process.
 */
const statementNames = new Map<string, string>();

/** The name a statement compiled here is prepared under, or undefined for any other text. */
export function statementName(text: string): string | undefined {
  return statementNames.get(text);
}

/**
 * A query Kysely builds and compiles once per shape (e.g. per role, with or without a cursor), then
 * sends with each call's parameters: the hot read paths run it on every request, and building a
 * query (immutable node trees, then compiling them) was their largest JavaScript cost
 * (docs/performance.md). `build` receives a marker in place of each parameter, so it must only put
 * parameters into the query as values, never branch on them or read them: what changes the SQL
 * belongs in the shape, and any other value it writes is a constant of that shape. Both engines speak
 * PostgreSQL's dialect, so one compilation serves either. A shape names the columns it returns
 * (no `*`): a named statement's result type is fixed when the connection prepares it, so a
 * migration adding a column to a table read with `*` would fail it on every connection holding it.
 */
export function prepared<DB, Shape extends string, Params extends Named, Row>(
  build: (db: Kysely<DB>, shape: Shape, params: Params) => Compilable<Row>,
) {
  // Each parameter of the SQL is a named one, or a constant the shape itself wrote (a status list).
  type Slot = { name: keyof Params } | { constant: unknown };
  const compiled = new Map<Shape, { sql: string; slots: Slot[] }>();
  return async function execute(db: Kysely<DB>, shape: Shape, params: Params): Promise<Row[]> {
    let entry = compiled.get(shape);
    if (!entry) {
      const markers = Object.fromEntries(Object.keys(params).map((name) => [name, `${MARK}${name}`]));
      const query = build(db, shape, markers as Params).compile();
      const slots = query.parameters.map(
        (value): Slot =>
          typeof value === 'string' && value.startsWith(MARK)
            ? { name: value.slice(MARK.length) as keyof Params }
            : { constant: value },
      );
      entry = { sql: query.sql, slots };
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `ft_${statementNames.size + 1}`);
      compiled.set(shape, entry);
    }
    const result = await db.executeQuery<Row>(
      CompiledQuery.raw(
        entry.sql,
        entry.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.constant)),
      ),
    );
    return result.rows;
  };
}
