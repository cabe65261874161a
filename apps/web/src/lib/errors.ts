import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * A sentence in the UI language for any failure: our translation of the code when we have one,
 * else the server's own sentence (the API writes them in French), else a generic sentence.
 */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  // "42 secondes", "12 minutes": the real wait a refusal (429) announced, in the UI language.
  const waitText = (seconds: number | undefined) =>
    seconds === undefined
      ? t('traffic.aFewMinutes')
      : seconds < 60
        ? t('traffic.seconds', { count: Math.max(1, seconds) })
        : t('traffic.minutes', { count: Math.ceil(seconds / 60) });
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.unknown');
    if (error.code === 'NETWORK_ERROR') return t('errors.network');
    const key = `errors.${error.code}`;
    if (i18n.exists(key)) return t(key, { wait: waitText(error.retryAfterSeconds) });
    if (i18n.language === 'fr' && error.detail) return error.detail;
    // A server failure (from the API or from a proxy in front of it) gets a sentence of its own.
    return t(error.status >= 500 ? 'errors.server' : 'errors.unknown');
  };
}
