import { afterEach, describe, expect, it } from 'vitest';
import { frenchTypography, setupI18n } from './i18n';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

afterEach(async () => {
  await setupI18n().changeLanguage('fr');
});

describe('French typography', () => {
  it('keeps punctuation and units on the line of the word before them', () => {
    expect(frenchTypography('Déjà un compte ? Oui ! Motif : « retard »')).toBe(
      `Déjà un compte${NNBSP}? Oui${NNBSP}! Motif${NBSP}: «${NBSP}retard${NBSP}»`,
    );
    expect(frenchTypography('0 € et 20 %')).toBe(`0${NBSP}€ et 20${NBSP}%`);
    expect(frenchTypography('https://exemple.fr à 14:05')).toBe('https://exemple.fr à 14:05');
  });

  it('applies to French translations, nested ones included, and leaves English alone', async () => {
    const i18n = setupI18n();
    expect(i18n.t('auth.forgot')).toBe(`Mot de passe oublié${NNBSP}?`);
    const steps = i18n.t('home.steps', { returnObjects: true }) as [string, string][];
    expect(steps[0]?.[1]).toContain(`activité${NBSP}:`);
    await i18n.changeLanguage('en');
    expect(i18n.t('auth.forgot')).toBe('Forgot your password?');
  });
});
