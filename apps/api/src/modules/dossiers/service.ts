import type { DossierSummary } from '@ft/contracts';
import { type Catalogue, eurosToCents, FINAL_STATUSES } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { type Actor, actorScope } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { prepared } from '../../platform/db/prepared';
import { withScope } from '../../platform/db/scoped';
import type { DashboardsChanged } from '../dashboards/cache';
import { clientsOf } from './context';

export type SyncOutcome = { created: string[]; updated: string[]; flagged: string[] };

/**
 * What a merge reads of a simulation result. Engine 1.x results (still attached at sign-up within
 * their 7 days) have no period nor deadline: those stay null.
 */
export type SyncResult = {
  products: {
    code: string;
    eligible: boolean;
    amountEuros: number | null;
    explanation: string;
    period?: 'annual' | 'oneOff' | null;
    claimBy?: string | null;
    claimByText?: string | null;
  }[];
};

type ListShape = `${'client' | 'expert' | 'admin'}:${'first' | 'after'}`;

/**
 * One page of the caller's dossiers in list order, (created_at desc, id desc), from the cursor on.
 * Row-level security already limits the rows; the query names the caller's own rows too, as one
 * page of ids read in list order from an index holding everything the policy needs (an index-only
 * scan), then those dossiers by primary key. A client with 1 000 dossiers reads ~51 index entries,
 * not 1 000 rows to sort: given `client_id = …` alone, the planner underestimated how many rows pass
 * the policy, so it read them all and sorted them (docs/performance.md, deep lists). Compiled once
 * per shape: every dashboard load runs it.
 */
const dossierPage = prepared(
  (
    db: Kysely<DB>,
    shape: ListShape,
    p: { userId: string; pageSize: number; afterCreatedAt: Date | null; afterId: string | null },
  ) => {
    const [role, from] = shape.split(':') as ['client' | 'expert' | 'admin', 'first' | 'after'];
    const after = from === 'after';
    // (created, id) < the cursor's, on the columns the page is ordered by. A row comparison, not
    // `created < c or (created = c and id < i)`: btree takes the row as an index condition and
    // starts the scan at the cursor, where the `or` was a filter over every newer entry (the
    // admin's deep page read 99 976 index entries to return 51: docs/performance.md).
    const before = (created: string, id: string) =>
      sql<boolean>`(${sql.ref(created)}, ${sql.ref(id)}) < (${p.afterCreatedAt}, ${p.afterId})`;
    // The live assignments carry their dossier's created_at (migration 0050), so an expert's page
    // is read from expert_assignments_expert_list_idx in list order; the admin's comes from
    // dossiers_created_list_idx (migration 0051).
    const ids =
      role === 'expert'
        ? db
            .selectFrom('expert_assignments')
            .select('dossier_id')
            .where('expert_id', '=', p.userId)
            .where('status', 'in', ['proposed', 'accepted'])
            .$if(after, (qb) => qb.where(before('dossier_created_at', 'dossier_id')))
            .orderBy('dossier_created_at', 'desc')
            .orderBy('dossier_id', 'desc')
            .limit(p.pageSize)
        : db
            .selectFrom('dossiers')
            .select('id')
            .$if(role === 'client', (qb) => qb.where('client_id', '=', p.userId))
            .$if(after, (qb) => qb.where(before('created_at', 'id')))
            .orderBy('created_at', 'desc')
            .orderBy('id', 'desc')
            .limit(p.pageSize);
    const q = db
      .selectFrom('dossiers as d')
      .innerJoin('products as p', 'p.code', 'd.product_code')
      // Named columns, not `d.*`: the statement is prepared per connection (prepared.ts).
      .select([
        'd.id',
        'd.client_id',
        'd.product_code',
        'd.track',
        'd.status',
        'd.progress',
        'd.estimated_amount_cents',
        'd.estimate_explanation',
        'd.no_longer_eligible',
        'd.created_at',
        'd.updated_at',
        'p.name as product_name',
      ])
      .$if(after, (qb) => qb.where(before('d.created_at', 'd.id')));
    return q
      .where(sql<boolean>`d.id = any(array(${ids}))`)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(p.pageSize);
  },
);

export function createDossiersService({
  db,
  dashboardsChanged,
}: {
  db: Kysely<DB>;
  dashboardsChanged: DashboardsChanged;
}) {
  return {
    /**
     * Brings a client's dossiers in line with a simulation result (spec: "re-running merges"): an
     * open dossier still `eligible` gets the new estimate (the previous one goes to its history), a
     * dossier that moved on is never touched, a newly eligible product gets a dossier, and an
     * `eligible` dossier whose product no longer qualifies is flagged, not deleted.
     */
    async syncFromSimulation(
      trx: Kysely<DB>,
      input: { clientId: string; simulationId: string; result: SyncResult; catalogue: Catalogue },
    ): Promise<SyncOutcome> {
      const outcome: SyncOutcome = { created: [], updated: [], flagged: [] };
      const open = await trx
        .selectFrom('dossiers')
        .selectAll()
        .where('client_id', '=', input.clientId)
        .where('status', 'not in', [...FINAL_STATUSES])
        .execute();
      const openByProduct = new Map(open.map((dossier) => [dossier.product_code, dossier]));
      const tracks = new Map(input.catalogue.products.map((product) => [product.code, product.track]));

      for (const product of input.result.products) {
        const dossier = openByProduct.get(product.code);
        const amountCents = product.amountEuros === null ? null : eurosToCents(product.amountEuros);
        const terms = {
          amount_period: product.period ?? null,
          claim_by: product.claimBy ?? null,
          claim_by_text: product.claimByText ?? null,
        };
        if (product.eligible && !dossier) {
          const created = await trx
            .insertInto('dossiers')
            .values({
              client_id: input.clientId,
              product_code: product.code,
              track: tracks.get(product.code) ?? 'full',
              estimated_amount_cents: amountCents,
              estimate_explanation: product.explanation,
              simulation_id: input.simulationId,
              ...terms,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const checklist = input.catalogue.products.find((p) => p.code === product.code)?.checklist ?? [];
          if (checklist.length > 0) {
            await trx
              .insertInto('dossier_items')
              .values(
                checklist.map((item) => ({
                  dossier_id: created.id,
                  code: item.code,
                  label: item.label,
                  required: item.required,
                  source: 'checklist' as const,
                  reason: null,
                })),
              )
              .execute();
          }
          outcome.created.push(created.id);
          continue;
        }
        if (dossier?.status !== 'eligible') continue;
        if (product.eligible) {
          const changed =
            dossier.estimated_amount_cents !== amountCents ||
            dossier.estimate_explanation !== product.explanation ||
            dossier.claim_by !== terms.claim_by;
          if (!changed && !dossier.no_longer_eligible) continue;
          await trx
            .insertInto('dossier_estimates')
            .values({
              dossier_id: dossier.id,
              simulation_id: dossier.simulation_id,
              amount_cents: dossier.estimated_amount_cents,
              explanation: dossier.estimate_explanation,
              amount_period: dossier.amount_period,
            })
            .execute();
          await trx
            .updateTable('dossiers')
            .set({
              estimated_amount_cents: amountCents,
              estimate_explanation: product.explanation,
              simulation_id: input.simulationId,
              ...terms,
              no_longer_eligible: false,
              updated_at: new Date(),
            })
            .where('id', '=', dossier.id)
            .execute();
          outcome.updated.push(dossier.id);
        } else if (!dossier.no_longer_eligible) {
          await trx
            .updateTable('dossiers')
            .set({ no_longer_eligible: true, updated_at: new Date() })
            .where('id', '=', dossier.id)
            .execute();
          outcome.flagged.push(dossier.id);
        }
      }
      if (outcome.created.length + outcome.updated.length + outcome.flagged.length > 0)
        await dashboardsChanged(trx);
      return outcome;
    },

    /** The dossiers the caller may see (row-level security decides), newest first. */
    async list(actor: Actor, query: { cursor?: string | undefined; limit: number }) {
      const after = decodeCursor(query.cursor);
      // Both statements are compiled once, and their generic plans read one page (bench:scaling).
      const scope = { ...actorScope(actor), genericPlans: true };
      const { rows, clients } = await withScope(db, scope, async (trx) => {
        const found = await dossierPage(trx, `${actor.role}:${after ? 'after' : 'first'}`, {
          userId: actor.userId,
          pageSize: query.limit + 1,
          afterCreatedAt: after?.createdAt ?? null,
          afterId: after?.id ?? null,
        });
        return {
          rows: found,
          clients: await clientsOf(
            trx,
            found.map((row) => row.client_id),
          ),
        };
      });
      const result = page(rows, query.limit, (row) => ({ createdAt: row.created_at, id: row.id }));
      return {
        nextCursor: result.nextCursor,
        items: result.items.map(
          (row): DossierSummary => ({
            id: row.id,
            productCode: row.product_code,
            productName: row.product_name,
            track: row.track,
            status: row.status,
            progress: row.progress,
            estimatedAmountCents: row.estimated_amount_cents,
            estimateExplanation: row.estimate_explanation,
            noLongerEligible: row.no_longer_eligible,
            createdAt: row.created_at.toISOString(),
            updatedAt: row.updated_at.toISOString(),
            client: clients.get(row.client_id) ?? null,
          }),
        ),
      };
    },
  };
}

export type DossiersService = ReturnType<typeof createDossiersService>;
