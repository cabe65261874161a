import type { ColumnType, Generated } from 'kysely';

/** One change of an entity, written by `app_record_change` and read by the pipeline only. */
export interface ChangeRecordsTable {
  id: Generated<string>;
  actor_id: string | null;
  actor_role: string;
  ip: string | null;
  user_agent: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  parties_before: ColumnType<ChangeParty[], string, never>;
  parties_after: ColumnType<ChangeParty[], string, never>;
  pending: string[];
  attempts: Generated<number>;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
}

/** Someone a change concerns: the client of a dossier, or its proposed or accepted expert. */
export type ChangeParty = { party: 'client' | 'expert'; userId: string };

export interface ChangeTables {
  change_records: ChangeRecordsTable;
}
