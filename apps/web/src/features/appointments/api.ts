import type { Appointment, Availability, Meeting } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const TIME_ZONE_KEY = ['me', 'time-zone'] as const;

/** The zone the viewer reads times in (its profile setting). */
export function useMyTimeZone() {
  return useQuery({
    queryKey: TIME_ZONE_KEY,
    queryFn: () => api.get<{ timeZone: string }>('/api/me/time-zone'),
    staleTime: 300_000,
  });
}

export function useSetTimeZone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (timeZone: string) => api.put<{ timeZone: string }>('/api/me/time-zone', { timeZone }),
    onSuccess: (data) => client.setQueryData(TIME_ZONE_KEY, data),
  });
}

export function useMyAppointments(range: { from: string; to: string }) {
  return useQuery({
    queryKey: ['appointments', 'mine', range.from, range.to],
    queryFn: () =>
      api.get<{ items: Appointment[] }>(
        `/api/appointments?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`,
      ),
  });
}

export function useDossierAppointments(dossierId: string) {
  return useQuery({
    queryKey: ['appointments', 'dossier', dossierId],
    queryFn: () => api.get<{ items: Appointment[] }>(`/api/dossiers/${dossierId}/appointments`),
  });
}

export type FreeSlots = { timeZone: string; slots: { startsAt: string; endsAt: string }[] };

export function useFreeSlots(params: {
  expertId: string;
  dossierId: string;
  from: string;
  to: string;
  duration: number;
}) {
  const query = new URLSearchParams({
    dossierId: params.dossierId,
    from: params.from,
    to: params.to,
    duration: String(params.duration),
  });
  return useQuery({
    queryKey: ['appointments', 'free-slots', params],
    queryFn: () => api.get<FreeSlots>(`/api/experts/${params.expertId}/free-slots?${query}`),
  });
}

export type SlotChoice = { startsAt: string; durationMinutes: number };
export type ProposalBody = SlotChoice & { meeting: Meeting; agenda: string };

/** Every appointment change refreshes the lists, the slots and the dossier's timeline. */
export function useAppointmentMutation<TBody>(send: (body: TBody) => Promise<Appointment>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (appointment) => {
      void client.invalidateQueries({ queryKey: ['appointments'] });
      void client.invalidateQueries({ queryKey: ['dossier', appointment.dossierId, 'timeline'] });
    },
  });
}

export function useAvailability() {
  return useQuery({
    queryKey: ['me', 'availability'],
    queryFn: () => api.get<Availability>('/api/me/availability'),
  });
}

export function useSaveAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (availability: Availability) => api.put<Availability>('/api/me/availability', availability),
    onSuccess: (data) => client.setQueryData(['me', 'availability'], data),
  });
}
