import type { Actor } from '../../platform/auth/actor';
import { forbidden } from '../../platform/http/errors';

export const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

/** Hidden versions exist for the team and the audit trail only. */
export const seesHidden = (actor: Actor) => actor.role === 'admin';

/** A name safe to show and to put in a Content-Disposition header; the stored key is our own. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'document';
  const cleaned = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'document';
}

export function assertMayReview(actor: Actor) {
  if (actor.role === 'client')
    throw forbidden('Seuls l’expert du dossier et l’équipe peuvent valider une pièce.');
}

/** Only the client takes back its own upload; the team purges instead. */
export function assertMayHide(actor: Actor) {
  if (actor.role !== 'client') throw forbidden('Seul le client peut retirer une pièce qu’il a déposée.');
}

export function assertMayPurge(actor: Actor) {
  if (actor.role !== 'admin') throw forbidden('Seule l’équipe peut purger un document.');
}

/** Reuse attaches the client's own papers to the client's own dossiers. */
export function assertMayAttach(actor: Actor) {
  if (actor.role !== 'client') throw forbidden('Seul le client peut réutiliser ses documents.');
}
