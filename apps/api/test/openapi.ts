import { randomUUID } from 'node:crypto';

/** The slice of OpenAPI 3.1 / JSON Schema the generated sweeps read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};
export type Operation = {
  method: string;
  path: string;
  body?: JsonSchema;
  /** Required query parameters. */
  query: { name: string; schema?: JsonSchema }[];
};

/** Every operation of the API's own description (`GET /api/openapi.json`). */
export function operationsOf(spec: {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
      }
    >
  >;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        body: content['application/json']?.schema,
        query: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query' && parameter.required)
          .map((parameter) => ({ name: parameter.name, schema: parameter.schema })),
      });
    }
  }
  return operations;
}

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);

/**
 * A body that passes the schema: required properties only, each at its smallest valid value, ids
 * from `ids` by property name (so a body points at real rows), else a fresh UUID.
 */
export function exampleOf(schema: JsonSchema | undefined, ids: Record<string, string>, name = ''): unknown {
  if (!schema) return {};
  const known = ids[name];
  if (known !== undefined) return known;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.find((s) => s.type !== 'null') ?? schema.allOf?.[0];
  if (variant) return exampleOf(variant, ids, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = exampleOf(schema.properties?.[key], ids, key);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items, ids, name));
    case 'boolean':
      return true;
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
      return schema.maximum === undefined ? Math.max(min, 1) : Math.min(Math.max(min, 1), schema.maximum);
    }
    case 'string': {
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'email') return `sweep-${randomUUID().slice(0, 8)}@example.fr`;
      if (schema.format === 'date') return inDays(10).toISOString().slice(0, 10);
      if (schema.format === 'date-time') return inDays(name === 'to' ? 20 : 10).toISOString();
      if (schema.format === 'uri') return 'https://visio.example.fr/salle';
      if (name === 'timeZone') return 'Europe/Paris';
      // A fixed-length hexadecimal pattern (a SHA-256 the client read, say).
      const hex = /^\^\[0-9a-f\]\{(\d+)\}\$$/.exec(schema.pattern ?? '');
      if (hex?.[1]) return 'a'.repeat(Number(hex[1]));
      // A base64url value (the parts of a WebAuthn answer).
      if (schema.pattern === '^[A-Za-z0-9_-]*={0,2}$') return 'dGVzdA';
      const length = Math.max(schema.minLength ?? 1, 12);
      // No space at either end: schemas that trim would otherwise fall one character short.
      return 'Valeur de test suffisamment longue '
        .repeat(Math.ceil(length / 35) + 1)
        .slice(0, Math.min(length, schema.maxLength ?? length))
        .replace(/ $/, 'x');
    }
    default:
      return null;
  }
}
