import type { DbScope, SessionCheck } from '../db/scoped';

/** What a session still needs before it grants access: nothing, a second-factor code, or enrolment. */
export type SecondFactorState = 'none' | 'verify' | 'enrol';

/** The authenticated caller of a request, resolved from its session. */
export type Actor = {
  userId: string;
  role: 'client' | 'expert' | 'admin';
  /** `active`, or for an expert the approval state that limits what it may do. */
  status: 'active' | 'pending' | 'rejected' | 'suspended';
  sessionId: string;
  secondFactor: SecondFactorState;
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set only for a session that has passed every step (password and, where due, second factor). */
    actor: Actor | null;
    /**
     * A session past the password but still owing its second factor (or enrolment). Kept apart
     * from `actor` so no route can use it by mistake: only the second-step routes read it.
     */
    pendingActor: Actor | null;
  }
}

const sessionChecks = new WeakMap<Actor, SessionCheck>();

/** Ties an actor served from an earlier lookup to the check its first scoped statement must pass. */
export function attachSessionCheck(actor: Actor, check: SessionCheck): Actor {
  sessionChecks.set(actor, check);
  return actor;
}

/** The check still owed by this request's actor, if it was served from an earlier lookup. */
export const sessionCheckOf = (actor: Actor | null): SessionCheck | undefined =>
  actor ? sessionChecks.get(actor) : undefined;

/**
 * The database scope of the actor's own work. Routes that accept a session resolved by an earlier
 * request (`config: { reusesSession: true }`) must open their first scope with it: that statement
 * is what confirms the session (platform/db/scoped.ts).
 */
export function actorScope(actor: Actor): DbScope {
  const session = sessionChecks.get(actor);
  return session
    ? { userId: actor.userId, role: actor.role, session }
    : { userId: actor.userId, role: actor.role };
}
