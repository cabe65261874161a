import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { type RealtimeEvent, useRealtime } from '../../lib/realtime';
import { appointmentKeys } from '../appointments/api';
import { dashboardKeys } from '../dashboard/queries';
import { documentKeys } from '../documents/queries';
import { dossierKeys } from './queries';

/**
 * What a change to dossier `id` may have moved on screen: the lists and dashboards (status, next
 * step, figures), the dossier's own page (detail, timeline, documents, engagements: one prefix),
 * its appointments (a cancelled dossier cancels them) and the client's documents page.
 */
export const dossierChangeKeys = (id: string) => [
  dossierKeys.lists,
  dossierKeys.detail(id),
  dashboardKeys.all,
  appointmentKeys.all,
  documentKeys.all,
];

/**
 * Refetches the open queries a `dossier.changed` event concerns (inactive ones only go stale).
 * The event of this tab's own action can arrive before the action's answer: the refetch then
 * waits for the answer, whose handler has the last word on the dossier's queries. An expert who
 * declines loses the dossier, and a refetch racing that answer would ask for what is now a 404.
 */
export function onDossierChanged(queryClient: QueryClient, event: RealtimeEvent) {
  const id = event.payload.id;
  if (typeof id !== 'string') return;
  const refetch = (refetchType: 'active' | 'none') => {
    for (const queryKey of dossierChangeKeys(id))
      void queryClient.invalidateQueries({ queryKey, refetchType });
  };
  const ownAction = { mutationKey: dossierKeys.action(id) };
  if (queryClient.isMutating(ownAction) === 0) return refetch('active');
  const stop = queryClient.getMutationCache().subscribe(() => {
    if (queryClient.isMutating(ownAction) > 0) return;
    stop();
    // The answer removed the dossier's queries: the dossier left the viewer and its page is being
    // left, so what it still shows only goes stale (the next screen fetches what it needs).
    refetch(queryClient.getQueryState(dossierKeys.detail(id)) ? 'active' : 'none');
  });
}

/**
 * Someone else acted on a dossier the viewer is party to (a client cancelled, an expert accepted,
 * an admin reassigned): the server pushes `dossier.changed`, and the open screens follow at once
 * instead of showing a stale status and offering actions that are no longer possible.
 */
export function useDossierChanges() {
  const queryClient = useQueryClient();
  useRealtime('dossier.changed', (event) => onDossierChanged(queryClient, event));
}
