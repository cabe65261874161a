import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render';
import { HomePage } from './HomePage';

describe('home page', () => {
  it('presents the offer with a call to run the simulator', () => {
    renderWithApp(<HomePage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      "Récupérez l'argent que votre entreprise peut réclamer",
    );
    const ctas = screen.getAllByRole('link', { name: 'Lancer la simulation gratuite' });
    expect(ctas.map((cta) => cta.getAttribute('href'))).toEqual(['/simulateur', '/simulateur']);
  });

  it('lists the product families and the three steps', () => {
    renderWithApp(<HomePage />);
    const products = screen.getByRole('region', { name: 'Ce que nous cherchons pour vous' });
    for (const name of [
      'Remboursement de TICPE',
      'Taxe foncière',
      'Électricité et gaz',
      'Chronotachygraphes',
    ]) {
      expect(within(products).getByRole('heading', { name })).toBeTruthy();
    }
    const steps = within(screen.getByRole('region', { name: 'Comment ça marche' })).getAllByRole('listitem');
    expect(steps).toHaveLength(3);
  });
});
