import type { AddParameterPeriodBody, FieldError } from '@ft/contracts';
import {
  type Catalogue,
  frenchDate,
  type ProductAmount,
  periodsOverlap,
  questionsOfRule,
  type RuleNode,
} from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { Cache } from '../../platform/cache/cache';
import { ANONYMOUS_SCOPE, withScope } from '../../platform/db/scoped';
import { AppError, notFound, validationFailed } from '../../platform/http/errors';
import type { DashboardsChanged } from '../dashboards/cache';
import { catalogueRepository, toParameters, toPeriod, toQuestion } from './repository';
import type { ProductsTable } from './tables';

type ProductChanges = {
  name?: string | undefined;
  category?: string | undefined;
  description?: string | undefined;
  active?: boolean | undefined;
  rule?: RuleNode | undefined;
  checklist?: { code: string; label: string; required: boolean }[] | undefined;
};

function toAdminProduct(row: Selectable<ProductsTable>) {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    description: row.description,
    active: row.active,
    track: row.track,
    rule: (row.rule as RuleNode | null) ?? null,
    amount: (row.amount as ProductAmount | null) ?? null,
    checklist: row.checklist,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What an admin may change without breaking the engine: known questions, a calculation before activation. */
function productErrors(
  current: Selectable<ProductsTable>,
  changes: ProductChanges,
  questionCodes: Set<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (changes.rule) {
    for (const code of questionsOfRule(changes.rule)) {
      if (!questionCodes.has(code))
        errors.push({ field: 'rule', message: `La règle cite une question inconnue : ${code}.` });
    }
  }
  if (changes.active && (!current.amount || !(changes.rule ?? current.rule))) {
    errors.push({
      field: 'active',
      message: 'Ce produit n’a pas encore de règle ou de formule : il ne peut pas être activé.',
    });
  }
  if (
    changes.checklist &&
    new Set(changes.checklist.map((item) => item.code)).size !== changes.checklist.length
  ) {
    errors.push({ field: 'checklist', message: 'Chaque pièce doit avoir un code différent.' });
  }
  return errors;
}

/**
 * Cache keys of what everyone reads on every simulation; the catalogue is the same for every caller
 * (public under row-level security), so one entry serves all. Only admin edits change it.
 */
const CACHED = {
  engine: 'catalogue:engine:v2',
  products: 'catalogue:products',
  questions: 'catalogue:questions',
};

export function createCatalogueService({
  db,
  cache,
  dashboardsChanged,
}: {
  db: Kysely<DB>;
  cache: Cache;
  /** The admin dashboard lists savings by active product, under the product's name. */
  dashboardsChanged: DashboardsChanged;
}) {
  return {
    /**
     * The catalogue the engine evaluates against: cached, or read in the caller's transaction.
     * Read-only: the cached object may be shared between requests.
     */
    load: (trx: Kysely<DB>): Promise<Catalogue> =>
      cache.getOrLoad(CACHED.engine, async () => {
        const { questions, products, parameters } = await catalogueRepository.load(trx);
        return { questions, products, parameters };
      }),

    publicProducts: () =>
      cache.getOrLoad(CACHED.products, async () => {
        const rows = await withScope(db, ANONYMOUS_SCOPE, (trx) =>
          trx.selectFrom('products').selectAll().orderBy('sort_order').execute(),
        );
        return {
          products: rows.map((row) => ({
            code: row.code,
            name: row.name,
            category: row.category,
            description: row.description,
            active: row.active,
          })),
        };
      }),

    publicQuestions: () =>
      cache.getOrLoad(CACHED.questions, async () => {
        const rows = await withScope(db, ANONYMOUS_SCOPE, (trx) =>
          trx.selectFrom('questions').selectAll().orderBy('sort_order').execute(),
        );
        return { questions: rows.map(toQuestion).map(({ label: _label, ...question }) => question) };
      }),

    async adminProducts(actor: Actor) {
      const rows = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        trx.selectFrom('products').selectAll().orderBy('sort_order').execute(),
      );
      return { products: rows.map(toAdminProduct) };
    },

    /** Every parameter with all its periods and sources, for the admin catalogue screen. */
    async adminParameters(actor: Actor) {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const [rows, periods] = await Promise.all([
          trx.selectFrom('parameters').selectAll().orderBy('sort_order').execute(),
          trx.selectFrom('parameter_periods').selectAll().orderBy('valid_from').orderBy('id').execute(),
        ]);
        return { parameters: toParameters(rows, periods) };
      });
    },

    /**
     * Next year's rate without a deploy: a new period with its source. A period sharing a day with
     * another of the same parameter is refused, naming the period it overlaps. Applies to
     * evaluations from now on; audited.
     */
    async addParameterPeriod(actor: Actor, code: string, body: AddParameterPeriodBody, meta: RequestMeta) {
      const validTo = body.validTo ?? null;
      const added = await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        // The row lock serialises two admins adding periods to the same parameter.
        const parameter = await trx
          .selectFrom('parameters')
          .select('code')
          .where('code', '=', code)
          .forUpdate()
          .executeTakeFirst();
        if (!parameter) throw notFound('Paramètre introuvable.');
        if (validTo !== null && validTo < body.validFrom)
          throw validationFailed([{ field: 'validTo', message: 'La fin de la période précède son début.' }]);
        const existing = await trx
          .selectFrom('parameter_periods')
          .selectAll()
          .where('parameter_code', '=', code)
          .orderBy('valid_from')
          .execute();
        const clash = existing.find((period) =>
          periodsOverlap(
            { validFrom: body.validFrom, validTo },
            { validFrom: period.valid_from, validTo: period.valid_to },
          ),
        );
        if (clash) {
          const end = clash.valid_to ? `au ${frenchDate(clash.valid_to)}` : 'sans date de fin';
          const message = `Cette période chevauche celle du ${frenchDate(clash.valid_from)} ${end}.`;
          throw new AppError('PERIOD_OVERLAP', 409, message, { errors: [{ field: 'validFrom', message }] });
        }
        const row = await trx
          .insertInto('parameter_periods')
          .values({
            parameter_code: code,
            valid_from: body.validFrom,
            valid_to: validTo,
            value: body.value,
            source_label: body.source.label,
            source_short: body.source.short ?? null,
            source_url: body.source.url ?? null,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, meta, {
          action: 'catalogue.parameter_period_added',
          entityType: 'parameter',
          entityId: code,
          details: { validFrom: body.validFrom, validTo, value: body.value, source: body.source },
        });
        return toPeriod(row);
      });
      // After the commit, as for product edits.
      await cache.invalidate(CACHED.engine);
      return added;
    },

    /** Applies to simulations evaluated from now on; every change is audited with before and after. */

    async updateProduct(actor: Actor, code: string, changes: ProductChanges, meta: RequestMeta) {
      const updated = await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const current = await catalogueRepository.findProduct(trx, code);
        if (!current) throw notFound('Produit introuvable.');
        const questionCodes = new Set(
          (await trx.selectFrom('questions').select('code').execute()).map((row) => row.code),
        );
        const errors = productErrors(current, changes, questionCodes);
        if (errors.length > 0) throw validationFailed(errors);
        const updated = await catalogueRepository.updateProduct(trx, code, changes, actor.userId);
        if (!updated) throw notFound('Produit introuvable.');
        await dashboardsChanged(trx);
        const changed = Object.keys(changes).filter(
          (key) => changes[key as keyof ProductChanges] !== undefined,
        );
        const before = Object.fromEntries(changed.map((key) => [key, current[key as keyof typeof current]]));
        await recordAudit(trx, meta, {
          action: 'catalogue.product_updated',
          entityType: 'product',
          entityId: code,
          details: {
            before,
            after: Object.fromEntries(changed.map((key) => [key, changes[key as keyof ProductChanges]])),
          },
        });
        return toAdminProduct(updated);
      });
      // After the commit: invalidating earlier would let a reader re-cache the old catalogue first.
      await cache.invalidate(CACHED.engine, CACHED.products, CACHED.questions);
      return updated;
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
