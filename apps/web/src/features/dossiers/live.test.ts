import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { appointmentKeys } from '../appointments/api';
import { onDossierChanged } from './live';
import { dossierKeys } from './queries';

const ID = 'd-1';
const event = {
  type: 'dossier.changed',
  payload: { id: ID, action: 'decline-assignment', status: 'eligible' },
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A query client with the dossier's page open: its detail and its appointments, each counting its fetches. */
function openDossierPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const fetches = { detail: 0, appointments: 0 };
  const observe = (queryKey: readonly unknown[], name: keyof typeof fetches) => {
    const observer = new QueryObserver(queryClient, {
      queryKey,
      queryFn: () => {
        fetches[name] += 1;
        return { id: ID };
      },
      staleTime: Number.POSITIVE_INFINITY,
    });
    return observer.subscribe(() => {});
  };
  const stops = [
    observe(dossierKeys.detail(ID), 'detail'),
    observe(appointmentKeys.ofDossier(ID), 'appointments'),
  ];
  return {
    queryClient,
    fetches,
    close: () => {
      for (const stop of stops) stop();
    },
  };
}

/** This tab's own action on the dossier, answered when `answer` is called. */
function ownAction(queryClient: QueryClient, onSuccess: () => void) {
  let answer = () => {};
  const done = queryClient
    .getMutationCache()
    .build(queryClient, {
      mutationKey: dossierKeys.action(ID),
      mutationFn: () => new Promise<void>((resolve) => (answer = resolve)),
      onSuccess,
    })
    .execute(undefined);
  return { answer: () => answer(), done };
}

describe('a dossier.changed event', () => {
  let close = () => {};
  afterEach(() => close());

  it('refetches the open dossier page at once when this tab is not acting on it', async () => {
    const page = openDossierPage();
    close = page.close;
    await settle();
    expect(page.fetches).toEqual({ detail: 1, appointments: 1 });
    onDossierChanged(page.queryClient, event);
    await settle();
    expect(page.fetches).toEqual({ detail: 2, appointments: 2 });
  });

  it("waits for this tab's own action and fetches nothing the answer took away (an expert declining)", async () => {
    const page = openDossierPage();
    close = page.close;
    await settle();
    // The answer is a 204: the dossier is no longer the viewer's, its queries are dropped.
    const action = ownAction(page.queryClient, () =>
      page.queryClient.removeQueries({ queryKey: dossierKeys.detail(ID) }),
    );
    onDossierChanged(page.queryClient, event);
    await settle();
    expect(page.fetches, 'nothing while the action is in flight').toEqual({ detail: 1, appointments: 1 });
    action.answer();
    await action.done;
    await settle();
    expect(page.fetches, 'nothing for a dossier the viewer lost').toEqual({ detail: 1, appointments: 1 });
    expect(page.queryClient.getQueryState(appointmentKeys.ofDossier(ID))?.isInvalidated).toBe(true);
  });

  it("refetches once this tab's own action is answered when the dossier is still the viewer's", async () => {
    const page = openDossierPage();
    close = page.close;
    await settle();
    const action = ownAction(page.queryClient, () => {});
    onDossierChanged(page.queryClient, event);
    await settle();
    expect(page.fetches).toEqual({ detail: 1, appointments: 1 });
    action.answer();
    await action.done;
    await settle();
    expect(page.fetches).toEqual({ detail: 2, appointments: 2 });
  });
});
