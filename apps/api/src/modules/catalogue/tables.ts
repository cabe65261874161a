import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface QuestionsTable {
  code: string;
  text: string;
  label: string;
  unit: string | null;
  type: 'single_choice' | 'multiple_choice' | 'amount' | 'number' | 'integer' | 'boolean';
  options: Json<{ code: string; label: string }[] | null>;
  /** numeric: read back as a string by both drivers. */
  min: string | null;
  max: string | null;
  max_from_question: string | null;
  max_per_unit_param: string | null;
  hint: string | null;
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
  /** Engine 1.x columns, emptied by migration 0030: kept so old rows stay readable. */
  formula: Json<unknown>;
  params: Json<Record<string, number>>;
  amount: Json<unknown>;
  ineligible_when: Json<unknown>;
  sources: Json<{ label: string; short?: string; url?: string }[]>;
  checklist: Json<{ code: string; label: string; required: boolean }[]>;
  sort_order: number;
  updated_at: ColumnType<Date, never, Date>;
  updated_by: string | null;
}

export interface ParametersTable {
  code: string;
  label: string;
  unit: string;
  description: string;
  dated: boolean;
  sort_order: number;
}

export interface ParameterPeriodsTable {
  id: Generated<number>;
  parameter_code: string;
  /** date columns come back as `YYYY-MM-DD` on both engines (database.ts). */
  valid_from: string;
  valid_to: string | null;
  /** numeric: read back as a string by both drivers. */
  value: ColumnType<string, number, number>;
  source_label: string;
  source_short: string | null;
  source_url: string | null;
  created_at: ColumnType<Date, never, never>;
  created_by: string | null;
}

export interface CatalogueTables {
  questions: QuestionsTable;
  products: ProductsTable;
  parameters: ParametersTable;
  parameter_periods: ParameterPeriodsTable;
}
