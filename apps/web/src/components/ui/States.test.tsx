import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { Button } from './Button';
import { EmptyState, ErrorState, LoadingState, PageHeader } from './States';

describe('page states', () => {
  it('announces loading', () => {
    renderWithApp(<LoadingState />);
    expect(screen.getByRole('status').textContent).toBe('Chargement…');
  });

  it('explains an error and offers to try again', async () => {
    const onRetry = vi.fn();
    renderWithApp(<ErrorState message="Impossible de joindre le serveur." onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Une erreur est survenue');
    expect(alert.textContent).toContain('Impossible de joindre le serveur.');
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('says what is missing and what to do next', () => {
    renderWithApp(
      <EmptyState title="Aucun dossier" action={<Button>Lancer la simulation</Button>}>
        Vos dossiers apparaîtront ici.
      </EmptyState>,
    );
    expect(screen.getByText('Aucun dossier')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lancer la simulation' })).toBeTruthy();
  });

  it('titles the page with one level-one heading', () => {
    renderWithApp(<PageHeader title="Mon espace" description="Vos économies en un coup d'œil." />);
    expect(screen.getByRole('heading', { level: 1, name: 'Mon espace' })).toBeTruthy();
  });
});
