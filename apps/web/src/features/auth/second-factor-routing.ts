import type { SecondFactorState } from '@ft/contracts';

export const SECOND_FACTOR_PATH = '/connexion/code';
export const ENROL_PATH = '/connexion/double-authentification';

/** Where a session owing its second step goes next, keeping where the user was heading. */
export function secondStepPath(state: SecondFactorState, next: string): string | null {
  if (state === 'none') return null;
  const path = state === 'verify' ? SECOND_FACTOR_PATH : ENROL_PATH;
  return `${path}?suite=${encodeURIComponent(next)}`;
}
