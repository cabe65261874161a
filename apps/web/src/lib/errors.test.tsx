import { errorRegistry } from '@ft/contracts';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Providers } from '../app/providers';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { ApiError, CLIENT_ERROR_CODES } from './api';
import { useErrorMessage } from './errors';
import { fieldMessage } from './field-errors';
import { setupI18n } from './i18n';

const wrapper = ({ children }: { children: ReactNode }) => <Providers>{children}</Providers>;
const conflict = new ApiError({ status: 409, code: 'CONFLICT', detail: 'Ce dossier est déjà clos.' });

afterEach(async () => {
  await setupI18n().changeLanguage('fr');
});

describe('error messages', () => {
  it('have a French and an English sentence for every code of the registry', () => {
    const missing = (messages: Record<string, unknown>) =>
      [
        ...errorRegistry,
        ...CLIENT_ERROR_CODES.filter((code) => code !== 'NETWORK_ERROR' && code !== 'UNKNOWN'),
      ].filter((code) => typeof messages[code] !== 'string' || messages[code] === '');
    expect(missing(fr.errors)).toEqual([]);
    expect(missing(en.errors)).toEqual([]);
  });

  it('say our translation of the code, with the server detail after it in French when ours is general', () => {
    const { result } = renderHook(() => useErrorMessage(), { wrapper });
    const message = result.current;
    expect(message(new ApiError({ status: 403, code: 'FORBIDDEN', detail: 'Interdit.' }))).toBe(
      "Vous n'avez pas accès à cette page.",
    );
    expect(message(conflict)).toMatch(/^Cette action n'est plus possible.*Ce dossier est déjà clos\.$/);
    expect(message(new ApiError({ status: 0, code: 'NETWORK_ERROR' }))).toMatch(/^Impossible de joindre/);
    expect(message(new ApiError({ status: 502, code: 'UNKNOWN' }))).toMatch(/momentanément indisponible/);
    expect(message(new Error('boom'))).toMatch(/^Une erreur inattendue/);
  });

  it('never show the French server sentence in English', async () => {
    const { result } = renderHook(() => useErrorMessage(), { wrapper });
    await act(() => setupI18n().changeLanguage('en'));
    expect(result.current(conflict)).toBe(
      'This action is no longer possible: the data changed in the meantime.',
    );
    for (const code of errorRegistry) {
      const sentence = result.current(new ApiError({ status: 400, code, detail: 'Phrase du serveur.' }));
      expect(sentence).not.toContain('Phrase du serveur');
      expect(sentence).toBe(en.errors[code]);
    }
  });
});

describe('field errors', () => {
  const tooShort = {
    field: 'password',
    message: 'Le mot de passe doit contenir au moins 12 caractères.',
    code: 'too_small',
    minimum: 12,
    origin: 'string',
  };

  it('keep the contracts French sentence in French and are worded from the issue in English', async () => {
    const i18n = setupI18n();
    expect(fieldMessage(tooShort)).toBe(tooShort.message);
    await i18n.changeLanguage('en');
    expect(fieldMessage(tooShort)).toBe('At least 12 characters.');
    expect(
      fieldMessage({
        field: 'siren',
        message: 'Le SIREN doit comporter 9 chiffres.',
        code: 'invalid_format',
      }),
    ).toBe('The format is not valid.');
    expect(fieldMessage({ field: 'x', message: 'Déjà utilisé.' })).toBe('This value is not valid.');
    const error = new ApiError({ status: 400, code: 'VALIDATION_FAILED', fieldErrors: [tooShort] });
    expect(error.byField).toEqual({ password: 'At least 12 characters.' });
  });
});
