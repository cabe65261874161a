import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { Button } from './Button';
import { ConfirmDialog, Dialog } from './Dialog';
import { TextField } from './Field';

describe('Button', () => {
  it('is disabled and busy while loading, so a form cannot be sent twice', async () => {
    const onClick = vi.fn();
    renderWithApp(
      <Button loading onClick={onClick}>
        Envoyer
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Envoyer' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});

describe('TextField', () => {
  it('labels the input and ties the error to it', () => {
    renderWithApp(
      <TextField label="SIREN" name="siren" error="Le SIREN doit comporter 9 chiffres." hint="9 chiffres" />,
    );
    const input = screen.getByLabelText('SIREN');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    const texts = describedBy.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['9 chiffres', 'Le SIREN doit comporter 9 chiffres.']);
  });

  it('is not marked invalid without an error', () => {
    renderWithApp(<TextField label="Nom" name="lastName" />);
    expect(screen.getByLabelText('Nom').getAttribute('aria-invalid')).toBeNull();
  });
});

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
});

describe('ConfirmDialog', () => {
  it('confirms or cancels the action', async () => {
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
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(onCancel).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Suspendre' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});
