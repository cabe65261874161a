import {
  createSimulationSchema,
  evaluationSchema,
  latestSimulationSchema,
  putAnswersSchema,
  simulationCreatedSchema,
  simulationSchema,
} from '@ft/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import { businessEvents } from '../../platform/metrics/metrics';
import { SIMULATION_TTL_MS, type SimulationAccess, type SimulationsService } from './service';

export const SIMULATION_COOKIE = 'ft_simulation';

/** The token from the `x-simulation-token` header (scripts) or the cookie (the SPA). */
export function simulationToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-simulation-token'];
  if (typeof header === 'string' && header) return header;
  return request.cookies[SIMULATION_COOKIE] || undefined;
}

const access = (request: FastifyRequest): SimulationAccess => ({
  actor: request.actor,
  token: simulationToken(request),
});
const params = z.object({ id: z.uuid() });
const tags = ['simulator'];

export const simulationsRoutes =
  ({
    simulations,
    secureCookies,
  }: {
    simulations: SimulationsService;
    secureCookies: boolean;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const setCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SIMULATION_COOKIE, token, {
        httpOnly: true,
        secure: secureCookies,
        sameSite: 'lax',
        path: '/',
        maxAge: SIMULATION_TTL_MS / 1000,
      });

    app.post(
      '/api/simulations',
      {
        schema: {
          tags,
          summary: 'Start a simulation (no account needed)',
          body: createSimulationSchema.optional(),
          response: { 201: simulationCreatedSchema },
        },
      },
      async (request, reply) => {
        const created = await simulations.create(access(request), request.body?.answers);
        businessEvents.inc({ event: 'simulation_created' });
        setCookie(reply, created.token);
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/simulations/latest',
      {
        schema: {
          tags,
          summary: "The signed-in client's latest simulation (to re-run it)",
          response: { 200: latestSimulationSchema },
        },
      },
      (request) => simulations.latestOfClient(requireActor(request, { roles: ['client'] })),
    );

    app.get(
      '/api/simulations/:id',
      {
        schema: {
          tags,
          summary: 'A simulation: answers, missing questions, last result',
          params,
          response: { 200: simulationSchema },
        },
      },
      (request) => simulations.get(access(request), request.params.id),
    );

    app.put(
      '/api/simulations/:id/answers',
      {
        schema: {
          tags,
          summary: 'Save answers (merged into the draft)',
          params,
          body: putAnswersSchema,
          response: { 200: simulationSchema },
        },
      },
      (request) => simulations.saveAnswers(access(request), request.params.id, request.body.answers),
    );

    app.post(
      '/api/simulations/:id/evaluate',
      {
        schema: {
          tags,
          summary: 'Evaluate every product against the answers',
          params,
          response: { 200: evaluationSchema },
        },
      },
      async (request) => {
        const { sync, ...result } = await simulations.evaluate(
          access(request),
          request.params.id,
          requestMeta(request),
        );
        if (!sync) return result;
        const dossierChanges = {
          created: sync.created.length,
          updated: sync.updated.length,
          flagged: sync.flagged.length,
        };
        return { ...result, dossierChanges };
      },
    );
  };
