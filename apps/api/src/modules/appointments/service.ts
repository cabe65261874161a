import type { Appointment, NoticeParams, ProposeAppointment } from '@ft/contracts';
import { checkSlot, isFinal } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/http/errors';
import type { AppointmentMessenger } from './notify';
import { actionsFor, sideOf } from './policy';
import { cancelReminders, scheduleReminders } from './reminders';
import {
  type AppointmentRow,
  type AppointmentsRepository,
  meetingColumns,
  toAppointment,
} from './repository';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

const SLOT_TAKEN =
  "Ce créneau n'est plus disponible : l'expert a déjà un rendez-vous à ce moment-là. Choisissez un autre créneau.";

const SLOT_REFUSED: Record<string, string> = {
  'off-grid': 'Le rendez-vous doit commencer à un quart d’heure (00, 15, 30 ou 45).',
  'bad-duration': 'Durée de 30, 45 ou 60 minutes attendue.',
  'outside-availability': "Ce créneau est en dehors des disponibilités de l'expert.",
};

/** The exclusion constraint refused the row: the expert already has a meeting then. */
function isOverlap(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23P01';
}

export function createAppointmentsService(deps: {
  db: Kysely<DB>;
  repository: AppointmentsRepository;
  messenger: AppointmentMessenger;
  now?: () => Date;
}) {
  const { db, repository: repo, messenger } = deps;
  const now = deps.now ?? (() => new Date());
  const view = (actor: Actor, row: AppointmentRow) => toAppointment(row, actionsFor(actor, row, now()));

  /** The instant is a free slot the expert offers, still ahead. */
  async function checkBookable(trx: Kysely<DB>, expertId: string, startsAt: string, durationMinutes: number) {
    const start = new Date(startsAt);
    if (start <= now()) {
      throw validationFailed([{ field: 'startsAt', message: 'Choisissez un créneau à venir.' }]);
    }
    const availability = await repo.availabilityOf(trx, expertId);
    if (!availability) {
      throw conflict('NO_AVAILABILITY', "L'expert n'a pas encore indiqué ses disponibilités.");
    }
    const verdict = checkSlot(availability, start, durationMinutes);
    if (verdict !== 'ok')
      throw validationFailed([{ field: 'startsAt', message: SLOT_REFUSED[verdict] ?? '' }]);
    return { start, end: new Date(start.getTime() + durationMinutes * 60_000) };
  }

  /** Runs a write in the caller's scope and turns a double booking into a 409. */
  async function write<T>(actor: Actor, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    try {
      return await withScope(db, scope(actor), work);
    } catch (error) {
      if (isOverlap(error)) throw conflict('SLOT_TAKEN', SLOT_TAKEN);
      throw error;
    }
  }

  /** The appointment, locked, with the caller's side; 404 when the caller may not see it. */
  async function lockAsParty(trx: Kysely<DB>, actor: Actor, id: string) {
    const row = await repo.lock(trx, id);
    if (!row) throw notFound('Rendez-vous introuvable.');
    const side = sideOf(actor, row);
    if (!side) throw forbidden('Seuls le client et l’expert du dossier peuvent agir sur ce rendez-vous.');
    return row;
  }

  function requireAction(actor: Actor, row: AppointmentRow, action: Appointment['actions'][number]) {
    if (!actionsFor(actor, row, now()).includes(action)) {
      throw conflict('APPOINTMENT_STATE', 'Ce rendez-vous ne permet plus cette action.');
    }
  }

  async function trace(
    trx: Kysely<DB>,
    meta: RequestMeta,
    row: AppointmentRow,
    action: string,
    extra: object = {},
  ) {
    const details = { appointmentId: row.id, startsAt: row.starts_at.toISOString(), ...extra };
    await repo.timeline(trx, row.dossier_id, meta.actorId ?? row.proposed_by, action, details);
    await recordAudit(trx, meta, { action, entityType: 'appointment', entityId: row.id, details });
  }

  async function insertProposal(
    trx: Kysely<DB>,
    actor: Actor,
    dossier: { id: string; client_id: string; expert_id: string },
    body: ProposeAppointment,
    supersedesId: string | null,
  ) {
    const slot = await checkBookable(trx, dossier.expert_id, body.startsAt, body.durationMinutes);
    return repo.insert(trx, {
      dossier_id: dossier.id,
      client_id: dossier.client_id,
      expert_id: dossier.expert_id,
      proposed_by: actor.userId,
      starts_at: slot.start,
      ends_at: slot.end,
      time_zone: await repo.timeZoneOf(trx, actor.userId),
      ...meetingColumns(body.meeting),
      agenda: body.agenda,
      supersedes_id: supersedesId,
    });
  }

  const proposedMessage = (template: string, params: NoticeParams, actorId: string) => ({
    type: 'appointment.proposed' as const,
    template,
    params,
    exceptUserId: actorId,
  });

  return {
    async propose(actor: Actor, dossierId: string, body: ProposeAppointment, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const dossier = await repo.dossier(trx, dossierId);
        if (!dossier) throw notFound('Dossier introuvable.');
        const expertId = dossier.expert_id;
        if (!expertId) throw conflict('NO_EXPERT', "Aucun expert n'est encore assigné à ce dossier.");
        if (isFinal(dossier.status)) {
          throw conflict(
            'DOSSIER_CLOSED',
            'Ce dossier est clos : plus aucun rendez-vous ne peut y être fixé.',
          );
        }
        if (!sideOf(actor, { client_id: dossier.client_id, expert_id: expertId })) {
          throw forbidden('Seuls le client et l’expert du dossier peuvent proposer un rendez-vous.');
        }
        const created = await insertProposal(trx, actor, { ...dossier, expert_id: expertId }, body, null);
        await trace(trx, meta, created, 'appointment.proposed', { durationMinutes: body.durationMinutes });
        await messenger.tell(
          trx,
          created,
          proposedMessage(
            'appointment.proposed',
            { product: dossier.name, productCode: dossier.product_code },
            actor.userId,
          ),
        );
        return created;
      });
      return view(actor, row);
    },

    async accept(actor: Actor, id: string, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'accept');
        const confirmed = await repo.update(trx, id, { status: 'confirmed', sequence: current.sequence + 1 });
        await scheduleReminders(trx, confirmed, now());
        await trace(trx, meta, confirmed, 'appointment.confirmed');
        await messenger.tell(trx, confirmed, {
          type: 'appointment.confirmed',
          template: 'appointment.confirmed',
          exceptUserId: actor.userId,
        });
        return confirmed;
      });
      return view(actor, row);
    },

    async decline(actor: Actor, id: string, reason: string, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'decline');
        const declined = await repo.update(trx, id, {
          status: 'declined',
          reason,
          sequence: current.sequence + 1,
        });
        await trace(trx, meta, declined, 'appointment.declined', { reason });
        await messenger.tell(trx, declined, {
          type: 'appointment.cancelled',
          template: 'appointment.declined',
          params: { reason },
          exceptUserId: actor.userId,
        });
        return declined;
      });
      return view(actor, row);
    },

    async counterPropose(actor: Actor, id: string, body: ProposeAppointment, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'counter-propose');
        // Superseded first, so the new proposal may overlap the slot it replaces.
        await repo.update(trx, id, { status: 'superseded', sequence: current.sequence + 1 });
        const dossier = {
          id: current.dossier_id,
          client_id: current.client_id,
          expert_id: current.expert_id,
        };
        const created = await insertProposal(trx, actor, dossier, body, current.id);
        await trace(trx, meta, created, 'appointment.counter-proposed', { supersedes: current.id });
        await messenger.tell(trx, created, proposedMessage('appointment.counter-proposed', {}, actor.userId));
        return created;
      });
      return view(actor, row);
    },

    async reschedule(
      actor: Actor,
      id: string,
      body: { startsAt: string; durationMinutes: number; reason: string },
      meta: RequestMeta,
    ) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'reschedule');
        const slot = await checkBookable(trx, current.expert_id, body.startsAt, body.durationMinutes);
        // Same appointment (same calendar UID), moved: back to the other party for approval.
        const moved = await repo.update(trx, id, {
          starts_at: slot.start,
          ends_at: slot.end,
          status: 'pending',
          proposed_by: actor.userId,
          time_zone: await repo.timeZoneOf(trx, actor.userId),
          reason: body.reason,
          sequence: current.sequence + 1,
        });
        await cancelReminders(trx, id);
        await trace(trx, meta, moved, 'appointment.rescheduled', {
          from: current.starts_at.toISOString(),
          reason: body.reason,
        });
        await messenger.tell(
          trx,
          moved,
          proposedMessage('appointment.rescheduled', { reason: body.reason }, actor.userId),
        );
        return moved;
      });
      return view(actor, row);
    },

    async cancel(actor: Actor, id: string, reason: string, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'cancel');
        const cancelled = await repo.update(trx, id, {
          status: 'cancelled',
          reason,
          sequence: current.sequence + 1,
        });
        await cancelReminders(trx, id);
        await trace(trx, meta, cancelled, 'appointment.cancelled', { reason });
        await messenger.tell(trx, cancelled, {
          type: 'appointment.cancelled',
          template: 'appointment.cancelled',
          params: { reason },
          exceptUserId: actor.userId,
        });
        return cancelled;
      });
      return view(actor, row);
    },

    async report(actor: Actor, id: string, report: string, meta: RequestMeta) {
      const row = await write(actor, async (trx) => {
        const current = await lockAsParty(trx, actor, id);
        requireAction(actor, current, 'report');
        const reported = await repo.update(trx, id, { report, reported_at: now() });
        await trace(trx, meta, reported, 'appointment.report', { report });
        return reported;
      });
      return view(actor, row);
    },

    async get(actor: Actor, id: string) {
      const row = await withScope(db, scope(actor), (trx) => repo.find(trx, id));
      if (!row) throw notFound('Rendez-vous introuvable.');
      return view(actor, row);
    },

    async listForDossier(actor: Actor, dossierId: string) {
      const rows = await withScope(db, scope(actor), async (trx) => {
        if (!(await repo.dossier(trx, dossierId))) throw notFound('Dossier introuvable.');
        return repo.listForDossier(trx, dossierId);
      });
      return { items: rows.map((row) => view(actor, row)) };
    },

    async listMine(actor: Actor, from: Date, to: Date) {
      const rows = await withScope(db, scope(actor), (trx) => repo.listForUser(trx, actor.userId, from, to));
      return { items: rows.map((row) => view(actor, row)) };
    },
  };
}

export type AppointmentsService = ReturnType<typeof createAppointmentsService>;
