import { useEffect } from 'react';

export const APP_NAME = 'FinancialTracker';

/**
 * Names the browser tab after the page, so that tabs, history and screen readers tell pages apart
 * (the single index.html has one title for every address).
 */
export function usePageTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
