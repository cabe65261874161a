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
