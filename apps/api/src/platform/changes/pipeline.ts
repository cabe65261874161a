import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../database';
import type { RequestMeta } from '../audit/audit';
import { afterCommit, transactionWithCommitHooks } from '../db/commit-hooks';
import type { ChangeParty } from './tables';

/** What an action declares about itself; who acted is taken from the transaction's scope. */
export type ChangeInput = {
  entityType: 'dossier';
  entityId: string;
  action: string;
  from: string | null;
  to: string | null;
  details: Record<string, unknown>;
  /** Read before the change, in the actor's scope: those who must hear of it even if it removes them. */
  partiesBefore: readonly ChangeParty[];
};

/** A committed change, as subscribers receive it. */
export type ChangeRecord = Omit<ChangeInput, 'partiesBefore'> & {
  id: string;
  actorId: string | null;
  actorRole: string;
  ip: string | null;
  userAgent: string | null;
  partiesBefore: ChangeParty[];
  partiesAfter: ChangeParty[];
  createdAt: Date;
};

/**
 * Reacts to committed changes. `handle` runs in an owner transaction (no row-level security: the
 * change is committed and authorised already); its writes commit with the mark that it ran, so
 * it runs once. It throws to be retried later.
 */
export type ChangeSubscriber = {
  name: string;
  handle(trx: Transaction<DB>, change: ChangeRecord): Promise<void>;
};

/** Everyone the change concerns, before or after it, once each. */
export function partiesOf(change: ChangeRecord): ChangeParty[] {
  const seen = new Map<string, ChangeParty>();
  for (const party of [...change.partiesBefore, ...change.partiesAfter])
    if (!seen.has(party.userId)) seen.set(party.userId, party);
  return [...seen.values()];
}

/** A record is retried by the job once it is this old: the request's own run had its chance. */
export const RETRY_AFTER_SECONDS = 30;
/** Past this many failed runs a record stays for an operator (`last_error` says why). */
export const MAX_ATTEMPTS = 20;

/**
 * The change pipeline: `record` writes the change in the action's transaction and schedules the
 * subscribers for after its commit. A subscriber that fails is logged and left pending for the
 * retry job; the committed change is never turned into an error for the caller.
 */
export function createChangePipeline(deps: {
  db: Kysely<DB>;
  log: { error(details: object, message: string): void };
  subscribers: readonly ChangeSubscriber[];
}) {
  const names = deps.subscribers.map((subscriber) => subscriber.name);

  async function run(db: Kysely<DB>, id: string): Promise<void> {
    try {
      await transactionWithCommitHooks(db, async (trx) => {
        const row = await trx
          .selectFrom('change_records')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!row || row.pending.length === 0) return;
        const change: ChangeRecord = {
          id: row.id,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          ip: row.ip,
          userAgent: row.user_agent,
          entityType: 'dossier',
          entityId: row.entity_id,
          action: row.action,
          from: row.from_status,
          to: row.to_status,
          details: row.details,
          partiesBefore: row.parties_before,
          partiesAfter: row.parties_after,
          createdAt: row.created_at,
        };
        const done: string[] = [];
        const errors: string[] = [];
        for (const subscriber of deps.subscribers) {
          if (!row.pending.includes(subscriber.name)) continue;
          // A savepoint per subscriber: one failing leaves the others' work committed.
          await sql`savepoint change_subscriber`.execute(trx);
          try {
            await subscriber.handle(trx, change);
            await sql`release savepoint change_subscriber`.execute(trx);
            done.push(subscriber.name);
          } catch (error) {
            await sql`rollback to savepoint change_subscriber`.execute(trx);
            errors.push(`${subscriber.name}: ${error instanceof Error ? error.message : String(error)}`);
            deps.log.error(
              { err: error, changeId: id, subscriber: subscriber.name, action: row.action },
              'change subscriber failed; it will be retried',
            );
          }
        }
        await trx
          .updateTable('change_records')
          .set({
            pending: row.pending.filter((name) => !done.includes(name)),
            attempts: sql<number>`attempts + ${errors.length > 0 ? 1 : 0}`,
            last_error: errors.length > 0 ? errors.join('; ').slice(0, 2000) : null,
          })
          .where('id', '=', id)
          .execute();
      });
    } catch (error) {
      deps.log.error({ err: error, changeId: id }, 'change subscribers could not run; they will be retried');
    }
  }

  return {
    /**
     * Records a change in `trx`, the action's transaction, and runs the subscribers once it commits
     * (nothing runs if it rolls back). `trx` must come from `withScope` or `transactionWithCommitHooks`.
     * A job passes its own `runOn`: on the embedded engine it holds the only connection.
     */
    async record(
      trx: Kysely<DB>,
      meta: Pick<RequestMeta, 'ip' | 'userAgent'>,
      input: ChangeInput,
      runOn: Kysely<DB> = deps.db,
    ) {
      const result = await sql<{ id: string }>`
        select app_record_change(${input.entityType}, ${input.entityId}, ${input.action}, ${input.from},
          ${input.to}, ${JSON.stringify(input.details)}::jsonb, ${JSON.stringify(input.partiesBefore)}::jsonb,
          ${meta.ip}, ${meta.userAgent}, ${sql`array[${sql.join(names)}]::text[]`}) as id`.execute(trx);
      const id = String(result.rows[0]?.id);
      if (!afterCommit(trx, () => run(runOn, id)))
        throw new Error('A change must be recorded inside a transaction opened with commit hooks.');
      return id;
    },

    /** The retry job: runs what is still pending on records old enough, oldest first. */
    async retryPending(db: Kysely<DB>, limit = 100): Promise<number> {
      const due = await db
        .selectFrom('change_records')
        .select('id')
        .where(sql<boolean>`cardinality(pending) > 0`)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${RETRY_AFTER_SECONDS})`)
        .orderBy('id')
        .limit(limit)
        .execute();
      for (const { id } of due) await run(db, id);
      return due.length;
    },
  };
}

export type ChangePipeline = ReturnType<typeof createChangePipeline>;
