import type { Catalogue, Formula, Product, Question, RuleNode } from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import type { ProductsTable, QuestionsTable } from './tables';

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
    ...(row.show_when ? { showWhen: row.show_when as RuleNode } : {}),
  };
}

export function toProduct(row: Selectable<ProductsTable>): Product {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    description: row.description,
    active: row.active,
    track: row.track,
    rule: (row.rule as RuleNode | null) ?? null,
    formula: (row.formula as Formula | null) ?? null,
    params: row.params,
    checklist: row.checklist,
  };
}

export const catalogueRepository = {
  async load(db: Kysely<DB>): Promise<Catalogue & { productRows: Selectable<ProductsTable>[] }> {
    const [questions, products] = await Promise.all([
      db.selectFrom('questions').selectAll().orderBy('sort_order').execute(),
      db.selectFrom('products').selectAll().orderBy('sort_order').execute(),
    ]);
    return { questions: questions.map(toQuestion), products: products.map(toProduct), productRows: products };
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
      params?: Record<string, number>;
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
        ...(changes.params !== undefined ? { params: JSON.stringify(changes.params) } : {}),
        ...(changes.checklist !== undefined ? { checklist: JSON.stringify(changes.checklist) } : {}),
        updated_at: new Date(),
        updated_by: by,
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst();
  },
};
