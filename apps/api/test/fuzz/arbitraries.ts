// fast-check generators of malformed requests, derived from the OpenAPI document the API
// publishes (itself generated from the zod contracts), so a new endpoint is fuzzed without
// touching this file.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
};

export type Operation = {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
};

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
};

export function operationsOf(document: unknown): Operation[] {
  const { paths } = document as OpenApi;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
      query: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => ({ name: parameter.name, schema: parameter.schema })),
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Text that breaks naive code: unicode of every plane, control characters, SQL and path tricks. */
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\u202E\u0301',
    '👩‍👩‍👧‍👦'.repeat(50),
    "'; drop table users; --",
    '../../etc/passwd',
    '%00',
    '$where',
    'NaN',
    '-1',
    '1e309',
    '0x10',
    'null',
    'true',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ...PROTOTYPE_KEYS,
  ),
  fc.nat({ max: 3_000 }).map((n) => 'x'.repeat(n)),
  fc.constant('x'.repeat(70_000)),
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    -0.000001,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 63),
    1e21,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
);

/** Any JSON value, nested junk included. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 5 }) },
);

/** A value shaped by the schema, pushed to and past its limits, or of the wrong type. */
function near(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junk;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((alternative) => near(alternative, depth + 1)), junk);
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), junk);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const bounds = [schema.minLength, schema.maxLength]
        .filter((n): n is number => n !== undefined)
        .flatMap((n) => [n - 1, n, n + 1])
        .filter((n) => n >= 0 && n < 100_000);
      return fc.oneof(
        nastyString,
        bounds.length > 0 ? fc.constantFrom(...bounds).map((n) => 'é'.repeat(n)) : nastyString,
        junk,
      );
    }
    case 'integer':
    case 'number': {
      const bounds = [schema.minimum, schema.maximum]
        .filter((n): n is number => n !== undefined)
        .flatMap((n) => [n - 1, n, n + 1]);
      return fc.oneof(nastyNumber, bounds.length > 0 ? fc.constantFrom(...bounds) : nastyNumber, junk);
    }
    case 'boolean':
      return fc.oneof(fc.boolean(), junk);
    case 'array':
      return fc.oneof(fc.array(near(schema.items, depth + 1), { maxLength: 8 }), junk);
    case 'object':
      return fc.oneof(
        { weight: 4, arbitrary: objectNear(schema, depth + 1) },
        { weight: 1, arbitrary: junk },
      );
    default:
      return junk;
  }
}

/** Each declared field present, missing or wrong; plus unknown and prototype-polluting keys. */
function objectNear(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.entries(schema.properties ?? {}).map(([name, property]) =>
    fc.option(near(property, depth), { nil: undefined, freq: 4 }).map((value) => [name, value] as const),
  );
  const extras = fc.array(fc.tuple(fc.oneof(nastyString, fc.constantFrom(...PROTOTYPE_KEYS)), junk), {
    maxLength: 3,
  });
  return fc.tuple(fc.tuple(...fields), extras).map(([declared, extra]) => {
    // defineProperty: `__proto__` becomes an own key (as JSON.parse makes it), not a prototype change.
    const object: Record<string, unknown> = {};
    for (const [key, value] of [...declared, ...extra]) {
      if (value !== undefined)
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return object;
  });
}

/** Raw bodies JSON.stringify cannot produce. */
const rawBodies = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1e400}',
  '{"a":',
  'not json',
  '',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"x":"${'y'.repeat(1_100_000)}"}`,
);

/** Path segments sent as they are: broken percent-encoding and traversal attempts. */
export const RAW_SEGMENTS = new Set(['%', '%E0%A4%A', '%C0%AF', '..%2f..%2fetc%2fpasswd', '%00', '%2e%2e']);

export type Role = 'anonymous' | 'client' | 'expert' | 'admin';

export type MalformedRequest = {
  role: Role;
  pathValues: Record<string, string>;
  query: [string, string][];
  /** The body text, or undefined for none. */
  body: string | undefined;
  contentType: string;
};

export function malformedRequest(operation: Operation, knownIds: string[]): fc.Arbitrary<MalformedRequest> {
  const pathValue = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );
  const pathValues = fc
    .tuple(...operation.pathParams.map(() => pathValue))
    .map((values) => Object.fromEntries(operation.pathParams.map((name, i) => [name, values[i] ?? ''])));
  const declaredQuery = operation.query.map(({ name, schema }) =>
    fc.option(
      near(schema, 0).map(
        (value) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as [string, string],
      ),
    ),
  );
  const query = fc
    .tuple(fc.tuple(...declaredQuery), fc.array(fc.tuple(nastyString, nastyString), { maxLength: 2 }))
    .map(([declared, extra]) => [
      ...declared.filter((entry): entry is [string, string] => entry !== null),
      ...extra,
    ]);
  const body = fc.oneof(
    {
      weight: 6,
      arbitrary: near(operation.body ?? { type: 'object' }, 0).map((value) => JSON.stringify(value)),
    },
    { weight: 1, arbitrary: rawBodies },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record({
    role: fc.constantFrom<Role>('anonymous', 'client', 'expert', 'admin'),
    pathValues,
    query,
    body,
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'),
      },
    ),
  });
}
