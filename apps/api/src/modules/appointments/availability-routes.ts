import {
  availabilitySchema,
  calendarFeedSchema,
  calendarFeedStateSchema,
  freeSlotsQuerySchema,
  freeSlotsSchema,
  timeZoneBodySchema,
} from '@ft/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMeta } from '../../platform/audit/audit';
import { requireActor } from '../../platform/auth/guards';
import type { AvailabilityService } from './availability';
import type { CalendarService } from './calendar';

const tags = ['appointments'];
const ICS = 'text/calendar; charset=utf-8';

/** Time zone, availability, free slots and calendar exports. */
export const availabilityRoutes =
  ({
    availability,
    calendar,
  }: {
    availability: AvailabilityService;
    calendar: CalendarService;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/me/time-zone',
      { schema: { tags, summary: "The caller's IANA time zone", response: { 200: timeZoneBodySchema } } },
      (request) => availability.timeZone(requireActor(request, { allowInactive: true })),
    );

    app.put(
      '/api/me/time-zone',
      {
        schema: {
          tags,
          summary: 'Set the zone times are shown in',
          body: timeZoneBodySchema,
          response: { 200: timeZoneBodySchema },
        },
      },
      (request) =>
        availability.setTimeZone(
          requireActor(request, { allowInactive: true }),
          request.body.timeZone,
          requestMeta(request),
        ),
    );

    app.get(
      '/api/me/availability',
      {
        schema: { tags, summary: "The expert's weekly availability", response: { 200: availabilitySchema } },
      },
      (request) => availability.availability(requireActor(request, { roles: ['expert'] })),
    );

    app.put(
      '/api/me/availability',
      {
        schema: {
          tags,
          summary: 'Replace the weekly ranges, days off and zone',
          body: availabilitySchema,
          response: { 200: availabilitySchema },
        },
      },
      (request) =>
        availability.setAvailability(
          requireActor(request, { roles: ['expert'] }),
          request.body,
          requestMeta(request),
        ),
    );

    app.get(
      '/api/experts/:id/free-slots',
      {
        schema: {
          tags,
          summary: 'Free slots of the expert of a dossier, for the slot picker',
          params: z.object({ id: z.uuid() }),
          querystring: freeSlotsQuerySchema,
          response: { 200: freeSlotsSchema },
        },
      },
      (request) => availability.freeSlots(requireActor(request), request.params.id, request.query),
    );

    app.get(
      '/api/appointments/:id/ics',
      { schema: { tags, summary: 'One appointment as an .ics file', params: z.object({ id: z.uuid() }) } },
      async (request, reply) => {
        const body = await calendar.appointmentIcs(requireActor(request), request.params.id);
        return reply
          .type(ICS)
          .header('content-disposition', `attachment; filename="rendez-vous-${request.params.id}.ics"`)
          .send(body);
      },
    );

    app.get(
      '/api/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Whether a calendar feed URL is live',
          response: { 200: calendarFeedStateSchema },
        },
      },
      (request) => calendar.feedState(requireActor(request)),
    );

    app.post(
      '/api/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Create or replace the private calendar feed URL',
          response: { 201: calendarFeedSchema },
        },
      },
      async (request, reply) => {
        const feed = await calendar.rotateFeed(requireActor(request), requestMeta(request));
        return reply.code(201).send(feed);
      },
    );

    app.delete(
      '/api/me/calendar-feed',
      { schema: { tags, summary: 'Revoke the calendar feed URL' } },
      async (request, reply) => {
        await calendar.revokeFeed(requireActor(request), requestMeta(request));
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/calendar/:file',
      {
        schema: {
          tags,
          summary: 'The private iCalendar feed (no session: the token in the URL is the credential)',
          params: z.object({ file: z.string().regex(/^[\w-]{20,100}\.ics$/) }),
        },
      },
      async (request, reply) => {
        const body = await calendar.feed(request.params.file.slice(0, -'.ics'.length));
        return reply.type(ICS).header('cache-control', 'private, no-store').send(body);
      },
    );
  };
