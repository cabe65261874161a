import type { ColumnType, Generated } from 'kysely';
import type { AppointmentTables } from './modules/appointments/tables';
import type { AuthTables } from './modules/auth/tables';
import type { CatalogueTables } from './modules/catalogue/tables';
import type { DossierDeadlineNoticesTable } from './modules/dashboards/tables';
import type { DocumentTables } from './modules/documents/tables';
import type { DossierTables } from './modules/dossiers/tables';
import type { EngagementTables } from './modules/engagements/tables';
import type { InvoiceTables } from './modules/invoices/tables';
import type { MessagingTables } from './modules/messaging/tables';
import type { NotificationTables } from './modules/notifications/tables';
import type { PrivacyTables } from './modules/privacy/tables';
import type { SimulationsTable } from './modules/simulations/tables';
import type { ChangeTables } from './platform/changes/tables';

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

export interface OutboxTable {
  id: Generated<number>;
  to_email: string;
  subject: string;
  body_text: string;
  status: Generated<'stored' | 'sent' | 'failed'>;
  error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  created_at: ColumnType<Date, never, never>;
}

export interface DB
  extends AuthTables,
    AppointmentTables,
    CatalogueTables,
    DossierTables,
    EngagementTables,
    InvoiceTables,
    DocumentTables,
    NotificationTables,
    MessagingTables,
    PrivacyTables,
    ChangeTables {
  simulations: SimulationsTable;
  dossier_deadline_notices: DossierDeadlineNoticesTable;
  job_runs: JobRunsTable;
  outbox: OutboxTable;
  audit_events: AuditEventsTable;
}
