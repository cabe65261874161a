import type { ColumnType, Generated } from 'kysely';

/**
 * The application's tables as Kysely sees them. Each domain module declares its tables in its own
 * `tables.ts`; this interface gathers them so one typed Kysely instance serves every module.
 */
export interface JobRunsTable {
  id: Generated<number>;
  job_name: string;
  instance_id: string;
  started_at: ColumnType<Date, never, never>;
  finished_at: Date | null;
  outcome: 'running' | 'succeeded' | 'failed';
  error: string | null;
}

export interface DB {
  job_runs: JobRunsTable;
}
