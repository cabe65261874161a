import type { ErrorCode } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * Codes whose sentence is general ("not possible at this stage"): in French the server's own
 * sentence, which says which condition failed, follows ours. In other languages ours stands alone.
 */
const DETAILED: ReadonlySet<ErrorCode> = new Set([
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'CONFLICT',
  'INVALID_TRANSITION',
  'PRECONDITION_FAILED',
]);

/**
 * A sentence in the UI language for any failure: our translation of the problem's registry code
 * (fr.json and en.json have one per code), never the server's sentence alone.
 */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.unknown');
    if (error.code === 'NETWORK_ERROR') return t('errors.network');
    const key = `errors.${error.code}`;
    if (!i18n.exists(key)) {
      // A code this build does not know yet (a newer API), or a proxy's page without a body.
      return t(error.status >= 500 ? 'errors.server' : 'errors.unknown');
    }
    const sentence = t(key);
    const detailed = error.code !== 'UNKNOWN' && error.code !== 'ABORTED' && DETAILED.has(error.code);
    if (detailed && i18n.language === 'fr' && error.detail && error.detail !== sentence) {
      return `${sentence} ${error.detail}`;
    }
    return sentence;
  };
}
