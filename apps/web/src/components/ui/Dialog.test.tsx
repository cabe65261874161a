import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { ConfirmDialog, Dialog } from './Dialog';

function DialogHarness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Ouvrir
      </button>
      <Dialog open={open} title="Détails" onClose={() => setOpen(false)}>
        <button type="button">Premier</button>
        <button type="button">Dernier</button>
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('moves focus in, keeps Tab inside, closes on Escape and gives focus back', async () => {
    renderWithApp(<DialogHarness />);
    const opener = screen.getByRole('button', { name: 'Ouvrir' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Détails' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Premier');
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Dernier');
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Premier');
    await userEvent.tab({ shift: true });
    expect(document.activeElement?.textContent).toBe('Dernier');
    act(() => {
      fireEvent.keyDown(dialog, { key: 'Escape' });
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('still closes on Escape and brings Tab back inside after focus has fallen out', async () => {
    renderWithApp(<DialogHarness />);
    await userEvent.click(screen.getByRole('button', { name: 'Ouvrir' }));
    act(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    expect(document.activeElement).toBe(document.body);
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Premier');
    act(() => {
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('ConfirmDialog', () => {
  const renderConfirm = (props: { loading?: boolean } = {}) => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    renderWithApp(
      <ConfirmDialog
        open
        title="Suspendre"
        message="Suspendre cet expert ?"
        confirmLabel="Suspendre"
        danger
        onConfirm={onConfirm}
        onCancel={onCancel}
        {...props}
      />,
    );
    return { onConfirm, onCancel };
  };

  it('reads its question out with its title and starts on the harmless choice', () => {
    renderConfirm();
    const dialog = screen.getByRole('dialog', { name: 'Suspendre' });
    const description = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Suspendre cet expert ?');
    expect(document.activeElement?.textContent).toBe('Annuler');
  });

  it('confirms or cancels the action', async () => {
    const { onConfirm, onCancel } = renderConfirm();
    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(onCancel).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Suspendre' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('cannot be confirmed twice while the action runs', async () => {
    const { onConfirm } = renderConfirm({ loading: true });
    await userEvent.click(screen.getByRole('button', { name: 'Suspendre' }));
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
