import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** A sentence in the UI language for any failure: our translation of the code, else the server's words. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('errors.unknown');
    if (error.code === 'NETWORK_ERROR') return t('errors.network');
    const key = `errors.${error.code}`;
    if (i18n.exists(key)) return t(key);
    return i18n.language === 'fr' && error.message ? error.message : t('errors.unknown');
  };
}
