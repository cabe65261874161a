import { errorRegistry, NOTICE_LANGUAGES, NOTICE_TEMPLATES } from '@ft/contracts';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import fr from './fr.json';

const LOCALES = { fr, en } as const;

describe('the locale files', () => {
  it.each(Object.keys(LOCALES) as (keyof typeof LOCALES)[])(
    'say every error code the API can answer in %s',
    (language) => {
      const errors: Record<string, unknown> = LOCALES[language].errors;
      const missing = errorRegistry.filter(
        (code) => typeof errors[code] !== 'string' || (errors[code] as string).trim() === '',
      );
      expect(missing).toEqual([]);
    },
  );

  it('have every notification template in every language, with the same placeholders', () => {
    const placeholders = (template: unknown) =>
      [...JSON.stringify(template).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(NOTICE_TEMPLATES.fr)) {
      for (const language of NOTICE_LANGUAGES) {
        const template = NOTICE_TEMPLATES[language][key];
        expect(template, `${language} ${key}`).toBeDefined();
        // English may leave the French catalogue's `note` out; it never adds a placeholder.
        const extra = placeholders(template).filter(
          (name) => !placeholders(NOTICE_TEMPLATES.fr[key]).includes(name),
        );
        expect(extra, `${language} ${key}`).toEqual([]);
      }
    }
    expect(Object.keys(NOTICE_TEMPLATES.en).sort()).toEqual(Object.keys(NOTICE_TEMPLATES.fr).sort());
  });
});
