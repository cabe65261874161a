import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface SimulationsTable {
  id: Generated<string>;
  token_hash: string;
  client_id: string | null;
  answers: Json<Record<string, boolean | number | string | string[]>>;
  result: Json<unknown>;
  engine_version: string | null;
  catalogue: Json<unknown>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  evaluated_at: Date | null;
  expires_at: Date | null;
}
