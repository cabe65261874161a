import { MESSAGE_EDIT_WINDOW_MS } from '@ft/contracts';
import type { Actor } from '../../platform/auth/actor';
import { AppError, forbidden } from '../../platform/http/errors';
import type { MessageRow } from './repository';

/**
 * Who may read a conversation is decided by row-level security (see migration 0012); what is left
 * here are the rules on one's own messages.
 */
export function assertMayEdit(actor: Actor, message: MessageRow, now = new Date()) {
  if (message.sender_id !== actor.userId) throw forbidden('Seul son auteur peut modifier ce message.');
  if (message.deleted_at) throw new AppError('MESSAGE_DELETED', 409, 'Ce message a été supprimé.');
  if (now.getTime() - message.created_at.getTime() > MESSAGE_EDIT_WINDOW_MS) {
    throw new AppError(
      'EDIT_WINDOW_CLOSED',
      409,
      'Un message ne peut plus être modifié 15 minutes après son envoi.',
    );
  }
}

export function assertMayDelete(actor: Actor, message: MessageRow) {
  if (message.sender_id !== actor.userId) throw forbidden('Seul son auteur peut supprimer ce message.');
}

/** Support conversations are opened by clients and experts; the admin team answers them. */
export function assertMayOpenSupport(actor: Actor) {
  if (actor.role === 'admin') {
    throw forbidden(
      'Les administrateurs répondent aux conversations de support ouvertes par les utilisateurs.',
    );
  }
}
