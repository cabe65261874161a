import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface ExpertAvailabilityTable {
  expert_id: string;
  time_zone: string;
  weekly: Json<{ weekday: number; start: string; end: string }[]>;
  exceptions: Json<{ from: string; to: string; reason: string }[]>;
  updated_at: Generated<Date>;
}

export interface AppointmentsTable {
  id: Generated<string>;
  dossier_id: string;
  client_id: string;
  expert_id: string;
  proposed_by: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  meeting_type: 'video' | 'phone' | 'on_site';
  meeting_details: string;
  agenda: string;
  status: Generated<'pending' | 'confirmed' | 'declined' | 'cancelled' | 'superseded'>;
  sequence: Generated<number>;
  supersedes_id: string | null;
  reason: string | null;
  report: string | null;
  reported_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: Generated<Date>;
}

export interface AppointmentRemindersTable {
  id: Generated<number>;
  appointment_id: string;
  user_id: string;
  minutes_before: number;
  due_at: Date;
  sent_at: Date | null;
}

export interface CalendarFeedsTable {
  user_id: string;
  token_hash: string;
  created_at: Generated<Date>;
}

export interface AppointmentTables {
  expert_availability: ExpertAvailabilityTable;
  appointments: AppointmentsTable;
  appointment_reminders: AppointmentRemindersTable;
  calendar_feeds: CalendarFeedsTable;
}
