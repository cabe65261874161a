import type { Availability } from '@ft/contracts';
import { type AppointmentDuration, freeSlots } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { notFound } from '../../platform/http/errors';
import type { AppointmentsRepository } from './repository';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

export function createAvailabilityService(deps: {
  db: Kysely<DB>;
  repository: AppointmentsRepository;
  now?: () => Date;
}) {
  const { db, repository: repo } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    async timeZone(actor: Actor) {
      return { timeZone: await withScope(db, scope(actor), (trx) => repo.timeZoneOf(trx, actor.userId)) };
    },

    async setTimeZone(actor: Actor, timeZone: string, meta: RequestMeta) {
      await withScope(db, scope(actor), async (trx) => {
        await trx
          .updateTable('users')
          .set({ time_zone: timeZone, updated_at: new Date() })
          .where('id', '=', actor.userId)
          .execute();
        await recordAudit(trx, meta, {
          action: 'user.time-zone',
          entityType: 'user',
          entityId: actor.userId,
          details: { timeZone },
        });
      });
      return { timeZone };
    },

    /** The expert's availability; before it sets any, empty weeks in its own zone. */
    async availability(actor: Actor): Promise<Availability> {
      return withScope(db, scope(actor), async (trx) => {
        const saved = await repo.availabilityOf(trx, actor.userId);
        return saved ?? { timeZone: await repo.timeZoneOf(trx, actor.userId), weekly: [], exceptions: [] };
      });
    },

    async setAvailability(actor: Actor, availability: Availability, meta: RequestMeta) {
      await withScope(db, scope(actor), async (trx) => {
        await repo.saveAvailability(trx, actor.userId, availability);
        await recordAudit(trx, meta, {
          action: 'expert.availability',
          entityType: 'user',
          entityId: actor.userId,
          details: { ranges: availability.weekly.length, exceptions: availability.exceptions.length },
        });
      });
      return availability;
    },

    /**
     * Free slots of the expert assigned to a dossier the caller is party to. The expert's other
     * appointments come as bare busy intervals (a security-definer function) so a client learns
     * when the expert is taken, never with whom.
     */
    async freeSlots(
      actor: Actor,
      expertId: string,
      query: { dossierId: string; from: string; to: string; duration: AppointmentDuration },
    ) {
      return withScope(db, scope(actor), async (trx) => {
        const dossier = await repo.dossier(trx, query.dossierId);
        const isParty =
          dossier?.expert_id === expertId &&
          ((actor.role === 'client' && dossier.client_id === actor.userId) ||
            (actor.role === 'expert' && expertId === actor.userId) ||
            actor.role === 'admin');
        if (!isParty) throw notFound("Cet expert n'est pas assigné à ce dossier.");
        const availability = await repo.availabilityOf(trx, expertId);
        if (!availability) return { timeZone: await repo.timeZoneOf(trx, actor.userId), slots: [] };
        const from = new Date(query.from);
        const to = new Date(query.to);
        const slots = freeSlots(availability, {
          from,
          to,
          durationMinutes: query.duration,
          busy: await repo.busy(trx, expertId, from, to),
          notBefore: now(),
        });
        return {
          timeZone: availability.timeZone,
          slots: slots.map((slot) => ({
            startsAt: slot.start.toISOString(),
            endsAt: slot.end.toISOString(),
          })),
        };
      });
    },
  };
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
