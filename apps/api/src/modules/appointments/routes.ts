import {
  appointmentListSchema,
  appointmentRangeQuerySchema,
  appointmentReportSchema,
  appointmentSchema,
  proposeAppointmentSchema,
  reasonBodySchema,
  rescheduleAppointmentSchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { AppointmentsService } from './service';

const params = z.object({ id: z.uuid() });
const tags = ['appointments'];
const parties = { roles: ['client', 'expert'] as ('client' | 'expert')[] };

/** Booking: propose, answer, move, cancel, report, and the lists. */
export const appointmentsRoutes =
  ({ appointments }: { appointments: AppointmentsService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/appointments',
      {
        schema: {
          tags,
          summary: "The caller's appointments overlapping [from, to)",
          querystring: appointmentRangeQuerySchema,
          response: { 200: appointmentListSchema },
        },
      },
      (request) =>
        appointments.listMine(
          requireActor(request),
          new Date(request.query.from),
          new Date(request.query.to),
        ),
    );

    app.get(
      '/api/dossiers/:id/appointments',
      {
        schema: {
          tags,
          summary: 'The appointments of a dossier',
          params,
          response: { 200: appointmentListSchema },
        },
      },
      (request) => appointments.listForDossier(requireActor(request), request.params.id),
    );

    app.post(
      '/api/dossiers/:id/appointments',
      {
        schema: {
          tags,
          summary: 'Propose a slot to the other party of the dossier',
          params,
          body: proposeAppointmentSchema,
          response: { 201: appointmentSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, parties);
        const created = await appointments.propose(
          actor,
          request.params.id,
          request.body,
          requestMeta(request),
        );
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/api/appointments/:id',
      { schema: { tags, summary: 'One appointment', params, response: { 200: appointmentSchema } } },
      (request) => appointments.get(requireActor(request), request.params.id),
    );

    app.post(
      '/api/appointments/:id/accept',
      { schema: { tags, summary: 'Accept a proposal', params, response: { 200: appointmentSchema } } },
      (request) =>
        appointments.accept(requireActor(request, parties), request.params.id, requestMeta(request)),
    );

    app.post(
      '/api/appointments/:id/decline',
      {
        schema: {
          tags,
          summary: 'Decline a proposal',
          params,
          body: reasonBodySchema,
          response: { 200: appointmentSchema },
        },
      },
      (request) =>
        appointments.decline(
          requireActor(request, parties),
          request.params.id,
          request.body.reason,
          requestMeta(request),
        ),
    );

    app.post(
      '/api/appointments/:id/counter-proposal',
      {
        schema: {
          tags,
          summary: 'Answer a proposal with another slot (the proposal is superseded)',
          params,
          body: proposeAppointmentSchema,
          response: { 201: appointmentSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, parties);
        const created = await appointments.counterPropose(
          actor,
          request.params.id,
          request.body,
          requestMeta(request),
        );
        return reply.code(201).send(created);
      },
    );

    app.post(
      '/api/appointments/:id/reschedule',
      {
        schema: {
          tags,
          summary: 'Move an appointment (the other party approves the new slot)',
          params,
          body: rescheduleAppointmentSchema,
          response: { 200: appointmentSchema },
        },
      },
      (request) =>
        appointments.reschedule(
          requireActor(request, parties),
          request.params.id,
          request.body,
          requestMeta(request),
        ),
    );

    app.post(
      '/api/appointments/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel an appointment',
          params,
          body: reasonBodySchema,
          response: { 200: appointmentSchema },
        },
      },
      (request) =>
        appointments.cancel(
          requireActor(request, parties),
          request.params.id,
          request.body.reason,
          requestMeta(request),
        ),
    );

    app.post(
      '/api/appointments/:id/report',
      {
        schema: {
          tags,
          summary: "The expert's short report after the meeting, added to the dossier timeline",
          params,
          body: appointmentReportSchema,
          response: { 200: appointmentSchema },
        },
      },
      (request) =>
        appointments.report(
          requireActor(request, { roles: ['expert'] }),
          request.params.id,
          request.body.report,
          requestMeta(request),
        ),
    );
  };
