/** The authenticated caller of a request, resolved from its session. */
export type Actor = {
  userId: string;
  role: 'client' | 'expert' | 'admin';
  status: string;
  sessionId: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
