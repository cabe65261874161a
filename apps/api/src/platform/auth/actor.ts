/** The authenticated caller of a request, resolved from its session. */
export type Actor = {
  userId: string;
  role: 'client' | 'expert' | 'admin';
  /** `active`, or for an expert the approval state that limits what it may do. */
  status: 'active' | 'pending' | 'rejected' | 'suspended';
  sessionId: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
