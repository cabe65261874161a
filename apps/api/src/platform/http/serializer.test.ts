import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializer } from './serializer';

const item = z.object({
  id: z.uuid(),
  amountCents: z.int().nullable(),
  status: z.enum(['eligible', 'completed']),
  note: z.string().optional(),
});
const list = z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const row = {
  id: '0b7d3c9e-2f1a-4c8e-9d6b-5a4e3f2c1b0a',
  amountCents: 120_000,
  status: 'eligible',
  // Not in the schema: must never reach the client (a column added to a row, a secret).
  passwordHash: 'x',
};

async function appWith(verify: boolean, data: unknown) {
  const fallbacks: string[] = [];
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(
    createResponseSerializer({ verify, onFallback: (route) => fallbacks.push(route) }),
  );
  app.get('/list', { schema: { response: { 200: list } } }, async () => data as z.infer<typeof list>);
  app.get(
    '/transformed',
    { schema: { response: { 200: z.object({ at: z.string().transform((s) => s.toUpperCase()) }) } } },
    async () => ({ at: 'abc' }),
  );
  await app.ready();
  return { app, fallbacks };
}

describe('compiled response serialisation', () => {
  it("writes exactly the schema's fields, as zod's parse did, leaving out the others", async () => {
    for (const verify of [false, true]) {
      const { app } = await appWith(verify, {
        items: [row, { ...row, amountCents: null }],
        nextCursor: null,
      });
      const res = await app.inject({ url: '/list' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          { id: row.id, amountCents: 120_000, status: 'eligible' },
          { id: row.id, amountCents: null, status: 'eligible' },
        ],
        nextCursor: null,
      });
      expect(res.body).not.toContain('passwordHash');
      await app.close();
    }
  });

  it('keeps the zod serializer where zod cannot describe the output (a transform)', async () => {
    const { app, fallbacks } = await appWith(true, { items: [], nextCursor: null });
    // Fastify adds a HEAD route beside each GET; both keep zod.
    expect(fallbacks).toContain('GET /transformed 200');
    expect(fallbacks.every((route) => route.includes('/transformed'))).toBe(true);
    expect((await app.inject({ url: '/transformed' })).json()).toEqual({ at: 'ABC' });
    await app.close();
  });

  it('outside production, still refuses a response that does not match its schema', async () => {
    const { app } = await appWith(true, { items: [{ ...row, status: 'unknown' }], nextCursor: null });
    expect((await app.inject({ url: '/list' })).statusCode).toBe(500);
    await app.close();
  });
});
