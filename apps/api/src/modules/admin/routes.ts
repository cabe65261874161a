import {
  adminClientListSchema,
  adminExpertListQuerySchema,
  adminExpertListSchema,
  adminExpertSchema,
  auditListSchema,
  auditQuerySchema,
  expertFeesSchema,
  outboxListSchema,
  pageQuerySchema,
  reasonSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { ClientsService } from '../clients/service';
import type { ExpertDecision, ExpertsService } from '../experts/service';
import type { AdminService } from './service';

type Deps = { admin: AdminService; experts: ExpertsService; clients: ClientsService };

const tags = ['admin'];
const expertParams = z.object({ id: z.uuid() });

export const adminRoutes =
  ({ admin, experts, clients }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const asAdmin = (request: Parameters<typeof requireActor>[0]) =>
      requireActor(request, { roles: ['admin'] });

    app.get(
      '/api/admin/experts',
      {
        schema: {
          tags,
          summary: 'Experts by approval status, with search',
          querystring: adminExpertListQuerySchema,
          response: { 200: adminExpertListSchema },
        },
      },
      async (request) => experts.listForAdmin(asAdmin(request), request.query),
    );

    app.get(
      '/api/admin/experts/:id',
      { schema: { tags, summary: 'One expert', params: expertParams, response: { 200: adminExpertSchema } } },
      async (request) => experts.getForAdmin(asAdmin(request), request.params.id),
    );

    const decisions: { path: string; decision: ExpertDecision; needsReason: boolean }[] = [
      { path: 'approve', decision: 'approve', needsReason: false },
      { path: 'reject', decision: 'reject', needsReason: true },
      { path: 'suspend', decision: 'suspend', needsReason: true },
      { path: 'reactivate', decision: 'reactivate', needsReason: false },
    ];
    for (const { path, decision, needsReason } of decisions) {
      app.post(
        `/api/admin/experts/:id/${path}`,
        {
          schema: {
            tags,
            summary: `${decision} an expert`,
            params: expertParams,
            body: needsReason ? reasonSchema : reasonSchema.partial().optional(),
            response: { 200: adminExpertSchema },
          },
        },
        async (request) => {
          const body = request.body as { reason?: string } | undefined;
          return experts.decide(
            asAdmin(request),
            request.params.id,
            decision,
            body?.reason ?? null,
            requestMeta(request),
          );
        },
      );
    }

    app.put(
      '/api/admin/experts/:id/fees',
      {
        schema: {
          tags,
          summary: "Set an expert's fee rates and the client-rate range",
          params: expertParams,
          body: expertFeesSchema,
          response: { 200: adminExpertSchema },
        },
      },
      async (request) =>
        experts.setFees(asAdmin(request), request.params.id, request.body, requestMeta(request)),
    );

    app.get(
      '/api/admin/clients',
      {
        schema: {
          tags,
          summary: 'Clients, with search',
          querystring: pageQuerySchema,
          response: { 200: adminClientListSchema },
        },
      },
      async (request) => clients.listForAdmin(asAdmin(request), request.query),
    );

    app.get(
      '/api/admin/audit',
      {
        schema: {
          tags,
          summary: 'The audit log, newest first, filterable',
          querystring: auditQuerySchema,
          response: { 200: auditListSchema },
        },
      },
      async (request) => admin.auditLog(asAdmin(request), request.query),
    );

    app.get(
      '/api/admin/outbox',
      {
        schema: {
          tags,
          summary: 'E-mails stored in the outbox',
          querystring: pageQuerySchema.omit({ q: true }),
          response: { 200: outboxListSchema },
        },
      },
      async (request) => admin.outbox(asAdmin(request), request.query),
    );
  };
