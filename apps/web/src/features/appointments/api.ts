import type { Appointment, Availability } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';
import type { BodyOf, ResponseOf } from '../../lib/routes';
import { dossierKeys } from '../dossiers/queries';

export const TIME_ZONE_KEY = ['me', 'time-zone'] as const;
/** Query keys of appointments and the viewer's own calendar settings. */
export const appointmentKeys = {
  all: ['appointments'] as const,
  mine: (from: string, to: string) => ['appointments', 'mine', from, to] as const,
  ofDossier: (dossierId: string) => ['appointments', 'dossier', dossierId] as const,
  freeSlots: (params: object) => ['appointments', 'free-slots', params] as const,
  timeZone: TIME_ZONE_KEY,
  availability: ['me', 'availability'] as const,
  feed: ['me', 'calendar-feed'] as const,
};

/** The zone the viewer reads times in (its profile setting). */
export function useMyTimeZone() {
  return useQuery({
    queryKey: TIME_ZONE_KEY,
    queryFn: ({ signal }) => apiRequest('GET /api/me/time-zone', { signal }),
    staleTime: 300_000,
  });
}

export function useSetTimeZone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (timeZone: string) => apiRequest('PUT /api/me/time-zone', { body: { timeZone } }),
    onSuccess: (data) => client.setQueryData(TIME_ZONE_KEY, data),
  });
}

export function useMyAppointments(range: { from: string; to: string }) {
  return useQuery({
    queryKey: appointmentKeys.mine(range.from, range.to),
    queryFn: ({ signal }) => apiRequest('GET /api/appointments', { query: range, signal }),
  });
}

export function useDossierAppointments(dossierId: string) {
  return useQuery({
    queryKey: appointmentKeys.ofDossier(dossierId),
    queryFn: ({ signal }) =>
      apiRequest('GET /api/dossiers/:id/appointments', { params: { id: dossierId }, signal }),
  });
}

export type FreeSlots = ResponseOf<'GET /api/experts/:id/free-slots'>;

export function useFreeSlots(params: {
  expertId: string;
  dossierId: string;
  from: string;
  to: string;
  duration: number;
}) {
  const { expertId, ...query } = params;
  return useQuery({
    queryKey: appointmentKeys.freeSlots(params),
    queryFn: ({ signal }) =>
      apiRequest('GET /api/experts/:id/free-slots', { params: { id: expertId }, query, signal }),
  });
}

type Proposal = BodyOf<'POST /api/dossiers/:id/appointments'>;
export type SlotChoice = Pick<Proposal, 'startsAt' | 'durationMinutes'>;
export type Duration = SlotChoice['durationMinutes'];
/** The lengths an appointment may have (the API refuses others). */
export const DURATIONS: Duration[] = [30, 45, 60];
export type ProposalBody = SlotChoice & Required<Pick<Proposal, 'meeting' | 'agenda'>>;

/** Every appointment change refreshes the lists, the slots and the dossier's timeline. */
export function useAppointmentMutation<TBody>(send: (body: TBody) => Promise<Appointment>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (appointment) => {
      void client.invalidateQueries({ queryKey: appointmentKeys.all });
      void client.invalidateQueries({ queryKey: dossierKeys.timeline(appointment.dossierId) });
    },
  });
}

export function useAvailability() {
  return useQuery({
    queryKey: appointmentKeys.availability,
    queryFn: ({ signal }) => apiRequest('GET /api/me/availability', { signal }),
  });
}

export function useSaveAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (availability: Availability) =>
      apiRequest('PUT /api/me/availability', { body: availability }),
    onSuccess: (data) => client.setQueryData(appointmentKeys.availability, data),
  });
}
