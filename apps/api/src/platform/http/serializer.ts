import { isDeepStrictEqual } from 'node:util';
import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

type Serialize = (data: unknown) => string;

/**
 * The response schema turned into a JSON Schema and compiled by fast-json-stringify, or why not:
 * zod cannot describe the output of a transform, a date object or a custom type, and such a route
 * keeps the zod serializer.
 */
function compile(schema: ZodType): Serialize | string {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, {
      target: 'draft-7',
      io: 'output',
      unrepresentable: 'throw',
      cycles: 'ref',
      reused: 'inline',
    }) as Record<string, unknown>;
  } catch (error) {
    return `no JSON Schema for the output: ${String(error)}`;
  }
  try {
    return fastJsonStringify(json) as Serialize;
  } catch (error) {
    return `fast-json-stringify refused the schema: ${String(error)}`;
  }
}

/**
 * Response serialisation compiled from each route's zod schema (docs/performance.md): the schema is
 * turned into a JSON Schema once, at start-up, and fast-json-stringify writes a function that
 * emits exactly its properties — unknown fields are left out, as zod's parse left them out — without
 * validating the whole response with zod and then walking it again with JSON.stringify on every
 * request, which the profile showed as the largest cost after the database driver.
 *
 * With `verify` (every environment but production, so the whole test suite checks it), each
 * response is also parsed by zod as before: a response that does not match its schema still fails
 * with ResponseSerializationError, and the compiled output must equal zod's, or the request fails.
 */
export function createResponseSerializer(options: {
  verify: boolean;
  /** Told about each route that keeps the zod serializer, and why. */
  onFallback?: (route: string, reason: string) => void;
}): FastifySerializerCompiler<ZodType> {
  return (route) => {
    const zodSerialize = zodSerializer(route) as Serialize;
    const compiled = compile(route.schema);
    if (typeof compiled === 'string') {
      options.onFallback?.(`${route.method} ${route.url} ${route.httpStatus}`, compiled);
      return zodSerialize;
    }
    if (!options.verify) return compiled;
    const fast = compiled;
    return (data) => {
      const expected = zodSerialize(data);
      const actual = fast(data);
      if (actual !== expected && !isDeepStrictEqual(JSON.parse(actual), JSON.parse(expected)))
        throw new Error(
          `${route.method} ${route.url}: the compiled serializer wrote ${actual}, zod's wrote ${expected}`,
        );
      return actual;
    };
  };
}
