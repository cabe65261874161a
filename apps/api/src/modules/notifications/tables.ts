import type { NoticeParams } from '@ft/contracts';
import type { ColumnType, Generated } from 'kysely';

/** jsonb: written as JSON text, read back as the object; null on rows older than templates. */
type NoticeParamsColumn = ColumnType<NoticeParams | null, string | null, never>;

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  type: string;
  title: string;
  body: Generated<string>;
  template: string | null;
  params: NoticeParamsColumn;
  link: string | null;
  dossier_id: string | null;
  created_at: ColumnType<Date, never, never>;
  read_at: Date | null;
  archived_at: Date | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  type: string;
  channel: 'in_app' | 'email';
  enabled: boolean;
  updated_at: Generated<Date>;
}

export interface NotificationEmailsTable {
  id: Generated<string>;
  user_id: string;
  notification_id: string | null;
  type: string;
  title: string;
  body: Generated<string>;
  template: string | null;
  params: NoticeParamsColumn;
  link: string | null;
  status: Generated<'pending' | 'sent' | 'skipped' | 'failed'>;
  due_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_emails: NotificationEmailsTable;
}
