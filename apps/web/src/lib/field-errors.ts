import type { FieldError } from '@ft/contracts';
import i18n from 'i18next';

const BOUNDED = new Set(['too_small', 'too_big']);
const PLAIN = new Set(['invalid_type', 'invalid_format', 'invalid_value']);

/**
 * One field error in the UI language. The API's sentence comes from the contracts' own French
 * wording, precise for each field: French shows it. Other languages word the issue from its zod
 * code and bounds, so no French sentence reaches them.
 */
export function fieldMessage(error: FieldError, language = i18n.language): string {
  if (language === 'fr' || !i18n.isInitialized) return error.message;
  const t = i18n.getFixedT(language);
  const code = error.code ?? '';
  if (BOUNDED.has(code)) {
    const origin = error.origin === 'string' || error.origin === 'array' ? error.origin : 'number';
    const key = `errors.field.${code}_${origin}`;
    if (i18n.exists(key, { lng: language }))
      return t(key, { minimum: error.minimum, maximum: error.maximum });
  }
  if (PLAIN.has(code)) return t(`errors.field.${code}`);
  return t('errors.field.invalid');
}
