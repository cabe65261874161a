import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Providers } from '../app/providers';
import { ApiError } from './api';
import { useErrorMessage } from './errors';
import { setupI18n } from './i18n';

const wrapper = ({ children }: { children: ReactNode }) => <Providers>{children}</Providers>;
const conflict = new ApiError({ status: 409, code: 'CONFLICT', detail: 'Ce dossier est déjà clos.' });

afterEach(async () => {
  await setupI18n().changeLanguage('fr');
});

describe('error messages', () => {
  it('prefers our translation of the code, then the server sentence, in French', () => {
    const { result } = renderHook(() => useErrorMessage(), { wrapper });
    const message = result.current;
    expect(message(new ApiError({ status: 403, code: 'FORBIDDEN', detail: 'Interdit.' }))).toBe(
      "Vous n'avez pas accès à cette page.",
    );
    expect(message(conflict)).toBe('Ce dossier est déjà clos.');
    expect(message(new ApiError({ status: 0, code: 'NETWORK_ERROR' }))).toMatch(/^Impossible de joindre/);
    expect(message(new ApiError({ status: 502, code: 'UNKNOWN' }))).toMatch(/momentanément indisponible/);
    expect(message(new Error('boom'))).toMatch(/^Une erreur inattendue/);
  });

  it('never shows the French server sentence in English', async () => {
    const { result } = renderHook(() => useErrorMessage(), { wrapper });
    await act(() => setupI18n().changeLanguage('en'));
    expect(result.current(conflict)).toBe('An unexpected error occurred. Please try again in a moment.');
  });
});
