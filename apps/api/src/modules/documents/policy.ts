import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
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

/**
 * An expert handles a dossier's documents once it has accepted the dossier: a proposed expert sees
 * the summary to decide, not the client's papers. Row-level security says the same (migration
 * 0021); this check turns it into a clear 403 before any write.
 */
export async function assertHandlesDocuments(trx: Kysely<DB>, actor: Actor, dossierId: string) {
  if (actor.role !== 'expert') return;
  const accepted = await sql<{ ok: boolean }>`
    select ${dossierId}::uuid in (select app_expert_accepted_dossier_ids()) as ok`.execute(trx);
  if (!accepted.rows[0]?.ok)
    throw forbidden('Les pièces du dossier vous seront accessibles une fois la proposition acceptée.');
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
