import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render';
import { NotFoundPage } from './NotFoundPage';

describe('not found page', () => {
  it('says so in French and links back home', () => {
    renderWithApp(<NotFoundPage />, '/nulle-part');
    expect(screen.getByText('Page introuvable')).toBeTruthy();
    expect(screen.getByRole('link', { name: "Revenir à l'accueil" }).getAttribute('href')).toBe('/');
  });
});
