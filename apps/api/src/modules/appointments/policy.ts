import type { Appointment } from '@ft/contracts';
import type { Actor } from '../../platform/auth/actor';
import type { AppointmentRow } from './repository';

type Parties = Pick<AppointmentRow, 'client_id' | 'expert_id'>;

/** Which side of the appointment the caller is on; admins read but never act for a party. */
export function sideOf(actor: Actor, row: Parties): 'client' | 'expert' | null {
  if (actor.role === 'client' && row.client_id === actor.userId) return 'client';
  if (actor.role === 'expert' && row.expert_id === actor.userId) return 'expert';
  return null;
}

/**
 * What the caller may do now. A proposal is answered by the party that did not make it (the
 * proposer may only withdraw it); a confirmed meeting still ahead may be moved or called off by
 * either party; once it has started, its expert may write the report.
 */
export function actionsFor(actor: Actor, row: AppointmentRow, now: Date): Appointment['actions'] {
  const side = sideOf(actor, row);
  if (!side) return [];
  const ahead = row.starts_at > now;
  if (row.status === 'pending' && ahead) {
    return row.proposed_by === actor.userId ? ['cancel'] : ['accept', 'decline', 'counter-propose', 'cancel'];
  }
  if (row.status === 'confirmed' && ahead) return ['reschedule', 'cancel'];
  if (row.status === 'confirmed' && side === 'expert' && row.report === null) return ['report'];
  return [];
}
