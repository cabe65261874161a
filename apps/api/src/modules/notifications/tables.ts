import type { ColumnType, Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  type: string;
  title: string;
  body: Generated<string>;
  link: string | null;
  dossier_id: string | null;
  created_at: ColumnType<Date, never, never>;
  read_at: Date | null;
  archived_at: Date | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
