import type { Tone } from '../../components/ui';
import { apiHref } from '../../lib/client';

export const ITEM_TONE: Record<string, Tone> = {
  requested: 'warning',
  uploaded: 'info',
  approved: 'success',
  rejected: 'danger',
};

/** Sizes in French units (ko, Mo) with the language's number format. */
export function formatBytes(bytes: number, language = 'fr'): string {
  const units = language.startsWith('fr') ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number}\u00a0${units[unit]}`;
}

export const contentUrl = (documentId: string, version?: number, preview = false) =>
  version
    ? apiHref(
        'GET /api/documents/:id/versions/:version/content',
        { id: documentId, version },
        { preview: preview || undefined },
      )
    : apiHref('GET /api/documents/:id/content', { id: documentId }, { preview: preview || undefined });
