import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface QuestionsTable {
  code: string;
  text: string;
  label: string;
  unit: string | null;
  type: 'single_choice' | 'multiple_choice' | 'amount' | 'integer' | 'boolean';
  options: Json<{ code: string; label: string }[] | null>;
  /** numeric: read back as a string by both drivers. */
  min: string | null;
  max: string | null;
  max_from_question: string | null;
  show_when: Json<unknown>;
  sort_order: number;
}

export interface ProductsTable {
  code: string;
  name: string;
  category: string;
  description: string;
  active: boolean;
  track: 'full' | 'short';
  rule: Json<unknown>;
  formula: Json<unknown>;
  params: Json<Record<string, number>>;
  checklist: Json<{ code: string; label: string; required: boolean }[]>;
  sort_order: number;
  updated_at: ColumnType<Date, never, Date>;
  updated_by: string | null;
}

export interface CatalogueTables {
  questions: QuestionsTable;
  products: ProductsTable;
}
