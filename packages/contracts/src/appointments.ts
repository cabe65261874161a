import { z } from 'zod';

/** An IANA zone this runtime's time-zone database knows (the same list the browser offers). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone), {
    message: 'Fuseau horaire inconnu (nom IANA attendu, par exemple Europe/Paris).',
  });
export const timeZoneBodySchema = z.object({ timeZone: timeZoneSchema });
export type TimeZoneBody = z.infer<typeof timeZoneBodySchema>;

const quarterHour = z
  .string()
  .regex(/^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/, 'Heure au quart d’heure attendue (HH:MM).');
const isoDate = z.iso.date('Date au format AAAA-MM-JJ attendue.');

export const weeklyRangeSchema = z
  .object({ weekday: z.number().int().min(1).max(7), start: quarterHour, end: quarterHour })
  .refine((range) => range.start < range.end, { message: 'La fin doit suivre le début.', path: ['end'] });
export const availabilityExceptionSchema = z
  .object({ from: isoDate, to: isoDate, reason: z.string().trim().max(200).default('') })
  .refine((exception) => exception.from <= exception.to, {
    message: 'La fin doit suivre le début.',
    path: ['to'],
  });

export const availabilitySchema = z
  .object({
    timeZone: timeZoneSchema,
    weekly: z.array(weeklyRangeSchema).max(50),
    exceptions: z.array(availabilityExceptionSchema).max(100),
  })
  .superRefine((value, context) => {
    const sorted = [...value.weekly].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1];
      const current = sorted[i];
      if (before && current && before.weekday === current.weekday && current.start < before.end) {
        context.addIssue({
          code: 'custom',
          path: ['weekly'],
          message: 'Deux plages du même jour se chevauchent.',
        });
        return;
      }
    }
  });
export type Availability = z.infer<typeof availabilitySchema>;

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'declined', 'cancelled', 'superseded'] as const;
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

export const meetingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('video'),
    link: z.url({ protocol: /^https$/, error: 'Lien https attendu.' }).max(500),
  }),
  z.object({
    type: z.literal('phone'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{6,24}$/, 'Numéro de téléphone attendu.'),
  }),
  z.object({
    type: z.literal('on_site'),
    address: z.string().trim().min(5, '5 caractères au moins.').max(300),
  }),
]);
export type Meeting = z.infer<typeof meetingSchema>;

const durationSchema = z.union([z.literal(30), z.literal(45), z.literal(60)], {
  error: 'Durée de 30, 45 ou 60 minutes attendue.',
});
const reasonSchema = z.string().trim().min(3, '3 caractères au moins.').max(1000);

export const proposeAppointmentSchema = z.object({
  startsAt: z.iso.datetime({ offset: true, error: 'Date et heure ISO 8601 attendues.' }),
  durationMinutes: durationSchema,
  meeting: meetingSchema,
  agenda: z.string().trim().max(2000).default(''),
});
export type ProposeAppointment = z.infer<typeof proposeAppointmentSchema>;
export const rescheduleAppointmentSchema = z.object({
  startsAt: proposeAppointmentSchema.shape.startsAt,
  durationMinutes: durationSchema,
  reason: reasonSchema,
});
export const reasonBodySchema = z.object({ reason: reasonSchema });
export const appointmentReportSchema = z.object({
  report: z.string().trim().min(3, '3 caractères au moins.').max(4000),
});

export const appointmentSchema = z.object({
  id: z.uuid(),
  dossierId: z.uuid(),
  expertId: z.uuid(),
  clientId: z.uuid(),
  proposedBy: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The proposer's IANA zone; each viewer still sees the time in its own zone. */
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  meeting: meetingSchema,
  agenda: z.string(),
  status: appointmentStatusSchema,
  sequence: z.number().int(),
  supersedesId: z.uuid().nullable(),
  reason: z.string().nullable(),
  report: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** What the caller may do now. */
  actions: z.array(z.enum(['accept', 'decline', 'counter-propose', 'reschedule', 'cancel', 'report'])),
});
export type Appointment = z.infer<typeof appointmentSchema>;
export const appointmentListSchema = z.object({ items: z.array(appointmentSchema) });

export const appointmentRangeQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((range) => new Date(range.from) < new Date(range.to), {
    message: 'La fin doit suivre le début.',
    path: ['to'],
  })
  .refine((range) => new Date(range.to).getTime() - new Date(range.from).getTime() <= 62 * 86_400_000, {
    message: 'Période de 62 jours au plus.',
    path: ['to'],
  });

export const freeSlotsQuerySchema = z
  .object({
    dossierId: z.uuid(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    duration: z.coerce.number().pipe(durationSchema),
  })
  .refine((range) => new Date(range.from) < new Date(range.to), {
    message: 'La fin doit suivre le début.',
    path: ['to'],
  })
  .refine((range) => new Date(range.to).getTime() - new Date(range.from).getTime() <= 31 * 86_400_000, {
    message: 'Période de 31 jours au plus.',
    path: ['to'],
  });
export const freeSlotsSchema = z.object({
  timeZone: z.string(),
  slots: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime() })),
});

export const calendarFeedSchema = z.object({ url: z.string() });
/** Whether a feed URL is live; the URL itself is shown only when made (only its hash is kept). */
export const calendarFeedStateSchema = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
});
