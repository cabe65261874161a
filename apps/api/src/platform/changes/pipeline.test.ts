import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { transactionWithCommitHooks } from '../db/commit-hooks';
import { type ChangeRecord, type ChangeSubscriber, createChangePipeline } from './pipeline';

// The pipeline's promises on a real database: subscribers run after commit, once each; one that
// fails is logged and left for the retry job, and the committed change is not turned into an error.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

function setup() {
  const seen: Record<string, string[]> = { steady: [], flaky: [] };
  const errors: string[] = [];
  let flakyFails = true;
  const subscribers: ChangeSubscriber[] = [
    { name: 'steady', handle: async (_trx, change: ChangeRecord) => void seen.steady?.push(change.action) },
    {
      name: 'flaky',
      async handle(_trx, change) {
        if (flakyFails) throw new Error('mail relay down');
        seen.flaky?.push(change.action);
      },
    },
  ];
  const pipeline = createChangePipeline({
    db: database.db,
    log: { error: (_details, message) => void errors.push(message) },
    subscribers,
  });
  return { pipeline, seen, errors, heal: () => (flakyFails = false) };
}
const input = (entityId: string) => ({
  entityType: 'dossier' as const,
  entityId,
  action: 'cancel',
  from: 'eligible',
  to: 'cancelled',
  details: { reason: 'test' },
  partiesBefore: [],
});
const recordOf = (entityId: string) =>
  database.db.selectFrom('change_records').selectAll().where('entity_id', '=', entityId).executeTakeFirst();

describe('change pipeline', () => {
  it('runs each subscriber once after commit; a failing one is logged and retried by the job', async () => {
    const { pipeline, seen, errors, heal } = setup();
    const entityId = randomUUID();
    await transactionWithCommitHooks(database.db, (trx) =>
      pipeline.record(trx, { ip: '192.0.2.1', userAgent: 'test' }, input(entityId)),
    );
    expect(seen).toEqual({ steady: ['cancel'], flaky: [] });
    expect(errors).toEqual(['change subscriber failed; it will be retried']);
    expect(await recordOf(entityId)).toMatchObject({
      actor_role: 'system',
      ip: '192.0.2.1',
      pending: ['flaky'],
      attempts: 1,
      last_error: 'flaky: mail relay down',
    });

    // Too recent for the job: the request's own run may still be going.
    expect(await pipeline.retryPending(database.db)).toBe(0);
    await sql`update change_records set created_at = now() - interval '1 minute' where entity_id = ${entityId}`.execute(
      database.db,
    );
    heal();
    expect(await pipeline.retryPending(database.db)).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual({ steady: ['cancel'], flaky: ['cancel'] });
    expect(await recordOf(entityId)).toMatchObject({ pending: [], last_error: null });
    await pipeline.retryPending(database.db);
    expect(seen).toEqual({ steady: ['cancel'], flaky: ['cancel'] });
  });

  it('records nothing and runs nothing when the action rolls back', async () => {
    const { pipeline, seen } = setup();
    const entityId = randomUUID();
    await expect(
      transactionWithCommitHooks(database.db, async (trx) => {
        await pipeline.record(trx, { ip: null, userAgent: null }, input(entityId));
        throw new Error('the action failed after recording');
      }),
    ).rejects.toThrow('the action failed');
    expect(seen).toEqual({ steady: [], flaky: [] });
    expect(await recordOf(entityId)).toBeUndefined();
  });

  it('refuses to record outside a transaction with commit hooks (subscribers would never run)', async () => {
    const { pipeline } = setup();
    await expect(
      database.db
        .transaction()
        .execute((trx) => pipeline.record(trx, { ip: null, userAgent: null }, input(randomUUID()))),
    ).rejects.toThrow('commit hooks');
  });
});
