import type { Catalogue, Parameter, Product, ProductAmount, Question, RuleNode } from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import type { ParameterPeriodsTable, ParametersTable, ProductsTable, QuestionsTable } from './tables';

const optionalNumber = (value: string | null) => (value === null ? undefined : Number(value));

export function toQuestion(row: Selectable<QuestionsTable>): Question {
  return {
    code: row.code,
    text: row.text,
    label: row.label,
    type: row.type,
    ...(row.unit ? { unit: row.unit } : {}),
    ...(row.options ? { options: row.options } : {}),
    ...(row.min !== null ? { min: optionalNumber(row.min) } : {}),
    ...(row.max !== null ? { max: optionalNumber(row.max) } : {}),
    ...(row.max_from_question ? { maxFromQuestion: row.max_from_question } : {}),
    ...(row.max_per_unit_param ? { maxPerUnitParam: row.max_per_unit_param } : {}),
    ...(row.hint ? { hint: row.hint } : {}),
    ...(row.show_when ? { showWhen: row.show_when as RuleNode } : {}),
  };
}

export function toProduct(row: Selectable<ProductsTable>): Product {
  const ineligibleWhen = row.ineligible_when as Product['ineligibleWhen'];
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    description: row.description,
    active: row.active,
    track: row.track,
    rule: (row.rule as RuleNode | null) ?? null,
    amount: (row.amount as ProductAmount | null) ?? null,
    ...(ineligibleWhen?.length ? { ineligibleWhen } : {}),
    sources: row.sources,
    checklist: row.checklist,
  };
}

export type PeriodRow = Selectable<ParameterPeriodsTable>;

export function toPeriod(row: PeriodRow) {
  return {
    id: row.id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    value: Number(row.value),
    source: {
      label: row.source_label,
      ...(row.source_short ? { short: row.source_short } : {}),
      ...(row.source_url ? { url: row.source_url } : {}),
    },
  };
}

/** A parameter as the engine reads it; each period keeps its row id for the admin screen. */
export type StoredParameter = Omit<Parameter, 'periods'> & { periods: ReturnType<typeof toPeriod>[] };

export function toParameters(rows: Selectable<ParametersTable>[], periods: PeriodRow[]): StoredParameter[] {
  return rows.map((row) => ({
    code: row.code,
    label: row.label,
    unit: row.unit,
    description: row.description,
    dated: row.dated,
    periods: periods.filter((period) => period.parameter_code === row.code).map(toPeriod),
  }));
}

export const catalogueRepository = {
  async load(db: Kysely<DB>): Promise<Catalogue & { productRows: Selectable<ProductsTable>[] }> {
    const [questions, products, parameters, periods] = await Promise.all([
      db.selectFrom('questions').selectAll().orderBy('sort_order').execute(),
      db.selectFrom('products').selectAll().orderBy('sort_order').execute(),
      db.selectFrom('parameters').selectAll().orderBy('sort_order').execute(),
      db.selectFrom('parameter_periods').selectAll().orderBy('valid_from').orderBy('id').execute(),
    ]);
    return {
      questions: questions.map(toQuestion),
      products: products.map(toProduct),
      parameters: toParameters(parameters, periods),
      productRows: products,
    };
  },

  findProduct(db: Kysely<DB>, code: string) {
    return db.selectFrom('products').selectAll().where('code', '=', code).executeTakeFirst();
  },

  updateProduct(
    db: Kysely<DB>,
    code: string,
    changes: {
      name?: string;
      category?: string;
      description?: string;
      active?: boolean;
      rule?: unknown;
      checklist?: unknown;
    },
    by: string,
  ) {
    return db
      .updateTable('products')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.category !== undefined ? { category: changes.category } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(changes.rule !== undefined ? { rule: JSON.stringify(changes.rule) } : {}),
        ...(changes.checklist !== undefined ? { checklist: JSON.stringify(changes.checklist) } : {}),
        updated_at: new Date(),
        updated_by: by,
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
  },
};
