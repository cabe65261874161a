import type { FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthenticated } from '../http/errors';
import type { Actor } from './actor';

type Role = Actor['role'];

/**
 * The caller, or 401. Only active accounts pass unless `allowInactive` is set (for the few routes a
 * pending expert may use: who am I, log out, profile).
 */
export function requireActor(
  request: FastifyRequest,
  options: { roles?: Role[]; allowInactive?: boolean } = {},
): Actor {
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (options.roles && !options.roles.includes(actor.role)) throw forbidden();
  if (!options.allowInactive && actor.status !== 'active') {
    if (actor.role === 'expert' && actor.status === 'pending') {
      throw new AppError(
        'EXPERT_NOT_APPROVED',
        403,
        "Votre compte expert est en attente de validation par l'équipe FinancialTracker.",
      );
    }
    throw new AppError('ACCOUNT_INACTIVE', 403, "Votre compte n'est pas actif. Contactez le support.");
  }
  return actor;
}

/**
 * The caller, whether or not it has passed its second factor: for the routes of the second step
 * itself (enrol, verify) and the harmless ones (who am I, log out).
 */
export function requireSignedIn(request: FastifyRequest): Actor {
  const actor = request.actor ?? request.pendingActor;
  if (!actor) throw unauthenticated();
  return actor;
}
