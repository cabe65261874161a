import type { MeResponse } from '@ft/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../lib/client';
import { LANGUAGES } from '../lib/i18n';
import { sessionKeys, useSession } from '../lib/session';

const NAMES = { fr: 'Français', en: 'English' } as const;

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="lang-select"
      aria-label={t('common.language')}
      value={i18n.language}
      onChange={(event) => void i18n.changeLanguage(event.target.value)}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {NAMES[language]}
        </option>
      ))}
    </select>
  );
}

/**
 * Keeps the signed-in user's language (the one its e-mails are written in) equal to the one on
 * screen: on sign-in and whenever the switch changes it. Renders nothing.
 */
export function LanguageSync() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  const stored = session.data?.user.language;
  const shown = i18n.language;
  useEffect(() => {
    if (stored === undefined || stored === shown || (shown !== 'fr' && shown !== 'en')) return;
    void apiRequest('PUT /api/me/language', { body: { language: shown } })
      .then(({ language }) =>
        queryClient.setQueryData<MeResponse | null>(sessionKeys.me, (data) =>
          data ? { ...data, user: { ...data.user, language } } : data,
        ),
      )
      // Not worth a message: the next visit or switch tries again.
      .catch(() => undefined);
  }, [stored, shown, queryClient]);
  return null;
}
