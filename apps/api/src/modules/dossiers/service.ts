import type { DossierSummary } from '@ft/contracts';
import { type Catalogue, eurosToCents, FINAL_STATUSES, type SimulationResult } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import type { DashboardsChanged } from '../dashboards/cache';
import { clientsOf } from './context';

export type SyncOutcome = { created: string[]; updated: string[]; flagged: string[] };

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
      input: { clientId: string; simulationId: string; result: SimulationResult; catalogue: Catalogue },
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
            dossier.estimate_explanation !== product.explanation;
          if (!changed && !dossier.no_longer_eligible) continue;
          await trx
            .insertInto('dossier_estimates')
            .values({
              dossier_id: dossier.id,
              simulation_id: dossier.simulation_id,
              amount_cents: dossier.estimated_amount_cents,
              explanation: dossier.estimate_explanation,
            })
            .execute();
          await trx
            .updateTable('dossiers')
            .set({
              estimated_amount_cents: amountCents,
              estimate_explanation: product.explanation,
              simulation_id: input.simulationId,
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
      const { rows, clients } = await withScope(
        db,
        { userId: actor.userId, role: actor.role },
        async (trx) => {
          let q = trx
            .selectFrom('dossiers as d')
            .innerJoin('products as p', 'p.code', 'd.product_code')
            .selectAll('d')
            .select('p.name as product_name');
          // Row-level security already limits the rows; the query names the caller's own rows too,
          // as one page of ids read in list order from an index holding everything the policy
          // needs (an index-only scan), then those dossiers by primary key. A client with 1 000
          // dossiers reads ~51 index entries, not 1 000 rows to sort: given `client_id = …` alone, the
          // planner underestimated how many rows pass the policy, so it read them all and sorted
          // them (docs/performance.md, deep lists).
          const pageSize = query.limit + 1;
          if (actor.role === 'client') {
            let own = trx.selectFrom('dossiers').select('id').where('client_id', '=', actor.userId);
            if (after)
              own = own.where((eb) =>
                eb.or([
                  eb('created_at', '<', after.createdAt),
                  eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
                ]),
              );
            const ids = own.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize);
            q = q.where(sql<boolean>`d.id = any(array(${ids}))`);
          }
          if (actor.role === 'expert') {
            // The live assignments carry their dossier's created_at (migration 0050), so the page
            // is read from expert_assignments_expert_list_idx in list order.
            let own = trx
              .selectFrom('expert_assignments')
              .select('dossier_id')
              .where('expert_id', '=', actor.userId)
              .where('status', 'in', ['proposed', 'accepted']);
            if (after)
              own = own.where((eb) =>
                eb.or([
                  eb('dossier_created_at', '<', after.createdAt),
                  eb.and([eb('dossier_created_at', '=', after.createdAt), eb('dossier_id', '<', after.id)]),
                ]),
              );
            const ids = own
              .orderBy('dossier_created_at', 'desc')
              .orderBy('dossier_id', 'desc')
              .limit(pageSize);
            q = q.where(sql<boolean>`d.id = any(array(${ids}))`);
          }
          // The admin's keyset (the pages above already start after the cursor).
          if (after) {
            q = q.where((eb) =>
              eb.or([
                eb('d.created_at', '<', after.createdAt),
                eb.and([eb('d.created_at', '=', after.createdAt), eb('d.id', '<', after.id)]),
              ]),
            );
          }
          const found = await q
            .orderBy('d.created_at', 'desc')
            .orderBy('d.id', 'desc')
            .limit(pageSize)
            .execute();
          return {
            rows: found,
            clients: await clientsOf(
              trx,
              found.map((row) => row.client_id),
            ),
          };
        },
      );
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
