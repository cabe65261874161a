import {
  DOSSIER_ACTIONS,
  type DossierActionBody,
  dossierActionBodies,
  dossierDetailSchema,
  dossierListQuerySchema,
  dossierListSchema,
  forceTransitionSchema,
  qualifiedExpertsSchema,
  rateExpertSchema,
  timelineSchema,
  type UserDossierAction,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { DossierReads } from './reads';
import type { DossiersService } from './service';
import type { WorkflowService } from './workflow';

const params = z.object({ id: z.uuid() });
const tags = ['dossiers'];

export const dossiersRoutes =
  ({
    dossiers,
    reads,
    workflow,
  }: {
    dossiers: DossiersService;
    reads: DossierReads;
    workflow: WorkflowService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dossiers',
      {
        // The busiest read: served on a session resolved lately, confirmed by the list's scope.
        config: { reusesSession: true },
        schema: {
          tags,
          summary: 'The dossiers the caller may see',
          querystring: dossierListQuerySchema,
          response: { 200: dossierListSchema },
        },
      },
      (request) => dossiers.list(requireActor(request), request.query),
    );

    app.get(
      '/api/dossiers/:id',
      {
        schema: {
          tags,
          summary: 'A dossier with the actions the caller may take now',
          params,
          response: { 200: dossierDetailSchema },
        },
      },
      (request) => reads.detail(requireActor(request), request.params.id),
    );

    app.get(
      '/api/dossiers/:id/timeline',
      { schema: { tags, summary: 'Who did what, when', params, response: { 200: timelineSchema } } },
      (request) => reads.timeline(requireActor(request), request.params.id),
    );

    app.get(
      '/api/dossiers/:id/experts',
      {
        schema: {
          tags,
          summary: 'Experts qualified for the dossier, fewest active dossiers first',
          params,
          response: { 200: qualifiedExpertsSchema },
        },
      },
      (request) =>
        reads.qualifiedExperts(requireActor(request, { roles: ['client', 'admin'] }), request.params.id),
    );

    // One endpoint per transition of the workflow spec, each with its own body schema.
    const transitionRoute = <A extends UserDossierAction>(action: A) =>
      app.post(
        `/api/dossiers/:id/${action}`,
        {
          schema: {
            tags,
            summary: `Transition: ${action}`,
            params,
            body: dossierActionBodies[action],
            response: {
              200: dossierDetailSchema,
              204: z.null().describe('Done, and the caller no longer sees the dossier (an expert declining)'),
            },
          },
        },
        async (request, reply) => {
          const detail = await workflow.transition(
            requireActor(request),
            request.params.id,
            action,
            // The schema above is this action's: Fastify's inference only loses the link to `A`.
            request.body as DossierActionBody<A>,
            requestMeta(request),
          );
          return detail ?? reply.code(204).send(null);
        },
      );
    for (const action of DOSSIER_ACTIONS) if (action !== 'expire-proposal') transitionRoute(action);

    app.post(
      '/api/dossiers/:id/rate-expert',
      {
        schema: {
          tags,
          summary: 'Client: rate the expert of a completed dossier (once)',
          params,
          body: rateExpertSchema,
          response: { 200: dossierDetailSchema },
        },
      },
      (request) =>
        workflow.rate(
          requireActor(request, { roles: ['client'] }),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );

    app.post(
      '/api/dossiers/:id/force-transition',
      {
        schema: {
          tags,
          summary: 'Admin: move a dossier to a status of its track, with a reason',
          params,
          body: forceTransitionSchema,
          response: { 200: dossierDetailSchema },
        },
      },
      (request) =>
        workflow.force(
          requireActor(request, { roles: ['admin'] }),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );
  };
