import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { useToast } from './Toast';

function Notifier({ message, tone }: { message: string; tone?: 'info' | 'success' | 'danger' }) {
  const notify = useToast();
  return (
    <button type="button" onClick={() => notify(message, tone)}>
      Notifier
    </button>
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Toast', () => {
  it('announces a confirmation politely and can be closed by hand', async () => {
    renderWithApp(<Notifier message="Modifications enregistrées." tone="success" />);
    await userEvent.click(screen.getByRole('button', { name: 'Notifier' }));
    const toast = screen.getByRole('status');
    expect(toast.textContent).toContain('Modifications enregistrées.');
    expect(toast.parentElement?.getAttribute('aria-live')).toBe('polite');
    await userEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByText('Modifications enregistrées.')).toBeNull();
  });

  it('announces errors as alerts and dismisses them after a few seconds', async () => {
    vi.useFakeTimers();
    renderWithApp(<Notifier message="Le dépôt a échoué." tone="danger" />);
    act(() => {
      screen.getByRole('button', { name: 'Notifier' }).click();
    });
    expect(screen.getByRole('alert').textContent).toContain('Le dépôt a échoué.');
    act(() => {
      vi.advanceTimersByTime(6000);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
