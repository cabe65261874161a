import type { Appointment, Availability, Meeting } from '@ft/contracts';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../database';
import type { AppointmentsTable } from './tables';

export type AppointmentRow = Selectable<AppointmentsTable>;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export function meetingOf(row: Pick<AppointmentRow, 'meeting_type' | 'meeting_details'>): Meeting {
  if (row.meeting_type === 'video') return { type: 'video', link: row.meeting_details };
  if (row.meeting_type === 'phone') return { type: 'phone', phone: row.meeting_details };
  return { type: 'on_site', address: row.meeting_details };
}

export function meetingColumns(meeting: Meeting) {
  const details =
    meeting.type === 'video' ? meeting.link : meeting.type === 'phone' ? meeting.phone : meeting.address;
  return { meeting_type: meeting.type, meeting_details: details };
}

export function toAppointment(row: AppointmentRow, actions: Appointment['actions']): Appointment {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    expertId: row.expert_id,
    clientId: row.client_id,
    proposedBy: row.proposed_by,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timeZone: row.time_zone,
    durationMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
    meeting: meetingOf(row),
    agenda: row.agenda,
    status: row.status,
    sequence: row.sequence,
    supersedesId: row.supersedes_id,
    reason: row.reason,
    report: row.report,
    createdAt: row.created_at.toISOString(),
    actions,
  };
}

export function createAppointmentsRepository() {
  return {
    async timeZoneOf(db: Kysely<DB>, userId: string): Promise<string> {
      const row = await db
        .selectFrom('users')
        .select('time_zone')
        .where('id', '=', userId)
        .executeTakeFirst();
      return row?.time_zone ?? DEFAULT_TIME_ZONE;
    },

    async availabilityOf(db: Kysely<DB>, expertId: string): Promise<Availability | undefined> {
      const row = await db
        .selectFrom('expert_availability')
        .selectAll()
        .where('expert_id', '=', expertId)
        .executeTakeFirst();
      if (!row) return undefined;
      return { timeZone: row.time_zone, weekly: row.weekly, exceptions: row.exceptions };
    },

    async saveAvailability(db: Kysely<DB>, expertId: string, availability: Availability) {
      const values = {
        time_zone: availability.timeZone,
        weekly: JSON.stringify(availability.weekly),
        exceptions: JSON.stringify(availability.exceptions),
        updated_at: new Date(),
      };
      await db
        .insertInto('expert_availability')
        .values({ expert_id: expertId, ...values })
        .onConflict((oc) => oc.column('expert_id').doUpdateSet(values))
        .execute();
    },

    async busy(db: Kysely<DB>, expertId: string, from: Date, to: Date) {
      const result = await sql<{ starts_at: Date; ends_at: Date }>`
        select starts_at, ends_at from app_expert_busy(${expertId}, ${from}, ${to})`.execute(db);
      return result.rows.map((row) => ({ start: new Date(row.starts_at), end: new Date(row.ends_at) }));
    },

    /** The dossier as the caller sees it (row-level security), with its product's name. */
    dossier(db: Kysely<DB>, dossierId: string) {
      return db
        .selectFrom('dossiers')
        .innerJoin('products', 'products.code', 'dossiers.product_code')
        .select([
          'dossiers.id',
          'dossiers.client_id',
          'dossiers.expert_id',
          'dossiers.status',
          'dossiers.product_code',
          'products.name',
        ])
        .where('dossiers.id', '=', dossierId)
        .executeTakeFirst();
    },

    /** Locks the row: of two concurrent answers to one proposal, the second sees the first's outcome. */
    lock(db: Kysely<DB>, id: string) {
      return db.selectFrom('appointments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    find(db: Kysely<DB>, id: string) {
      return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
    },

    listForDossier(db: Kysely<DB>, dossierId: string) {
      return db
        .selectFrom('appointments')
        .selectAll()
        .where('dossier_id', '=', dossierId)
        .orderBy('starts_at')
        .orderBy('created_at')
        .execute();
    },

    /** The caller's own appointments overlapping the range (admins included: theirs only). */
    listForUser(db: Kysely<DB>, userId: string, from: Date, to: Date) {
      return db
        .selectFrom('appointments')
        .selectAll()
        .where((eb) => eb.or([eb('client_id', '=', userId), eb('expert_id', '=', userId)]))
        .where('status', '!=', 'superseded')
        .where('starts_at', '<', to)
        .where('ends_at', '>', from)
        .orderBy('starts_at')
        .execute();
    },

    insert(
      db: Kysely<DB>,
      values: Omit<
        AppointmentRow,
        'id' | 'created_at' | 'updated_at' | 'status' | 'sequence' | 'report' | 'reported_at' | 'reason'
      >,
    ) {
      return db.insertInto('appointments').values(values).returningAll().executeTakeFirstOrThrow();
    },

    update(db: Kysely<DB>, id: string, changes: Partial<Omit<AppointmentRow, 'id' | 'created_at'>>) {
      return db
        .updateTable('appointments')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** A line on the dossier's timeline, beside its status changes. */
    async timeline(db: Kysely<DB>, dossierId: string, actorId: string, action: string, details: object) {
      await db
        .insertInto('dossier_events')
        .values({ dossier_id: dossierId, actor_id: actorId, action, details: JSON.stringify(details) })
        .execute();
    },

    async productNames(db: Kysely<DB>, dossierIds: readonly string[]): Promise<Map<string, string>> {
      if (dossierIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('dossiers')
        .innerJoin('products', 'products.code', 'dossiers.product_code')
        .select(['dossiers.id', 'products.name'])
        .where('dossiers.id', 'in', [...new Set(dossierIds)])
        .execute();
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** The client and the expert of an appointment, with the zone each reads times in. */
    async recipients(db: Kysely<DB>, appointmentId: string) {
      const result = await sql<{ user_id: string; email: string; time_zone: string }>`
        select user_id, email, time_zone from app_appointment_recipients(${appointmentId})`.execute(db);
      return result.rows;
    },
  };
}

export type AppointmentsRepository = ReturnType<typeof createAppointmentsRepository>;
