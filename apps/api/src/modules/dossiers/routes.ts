import {
  type DossierActionName,
  dossierActionBodies,
  dossierDetailSchema,
  dossierListQuerySchema,
  dossierListSchema,
  forceTransitionSchema,
  qualifiedExpertsSchema,
  rateExpertSchema,
  timelineSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { DossiersService } from './service';
import type { WorkflowService } from './workflow';

const params = z.object({ id: z.uuid() });
const tags = ['dossiers'];

export const dossiersRoutes =
  ({ dossiers, workflow }: { dossiers: DossiersService; workflow: WorkflowService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dossiers',
      {
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
      (request) => workflow.detail(requireActor(request), request.params.id),
    );

    app.get(
      '/api/dossiers/:id/timeline',
      { schema: { tags, summary: 'Who did what, when', params, response: { 200: timelineSchema } } },
      (request) => workflow.timeline(requireActor(request), request.params.id),
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
        workflow.qualifiedExperts(requireActor(request, { roles: ['client', 'admin'] }), request.params.id),
    );

    // One endpoint per transition of the workflow spec, each with its own body schema.
    for (const [action, body] of Object.entries(dossierActionBodies) as [
      DossierActionName,
      (typeof dossierActionBodies)[DossierActionName],
    ][]) {
      app.post(
        `/api/dossiers/:id/${action}`,
        {
          schema: {
            tags,
            summary: `Transition: ${action}`,
            params,
            body,
            response: { 200: dossierDetailSchema },
          },
        },
        (request) =>
          workflow.transition(
            requireActor(request),
            request.params.id,
            action,
            request.body as Record<string, unknown>,
            requestMeta(request),
          ),
      );
    }

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
