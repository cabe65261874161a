import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { Button, ButtonLink } from './Button';

describe('Button', () => {
  it('is a plain button by default, so it never submits a form by accident', async () => {
    const onClick = vi.fn();
    renderWithApp(
      <Button variant="secondary" size="sm" onClick={onClick}>
        Modifier
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Modifier' });
    expect(button.getAttribute('type')).toBe('button');
    expect(button.className).toBe('btn btn-secondary btn-sm');
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
  });

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

  it('ignores clicks when disabled', async () => {
    const onClick = vi.fn();
    renderWithApp(
      <Button variant="danger" disabled onClick={onClick}>
        Supprimer
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Supprimer' });
    expect(button.getAttribute('aria-busy')).toBeNull();
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });
});

describe('ButtonLink', () => {
  it('is a link that looks like a button', () => {
    renderWithApp(
      <ButtonLink to="/simulateur" size="lg">
        Lancer la simulation
      </ButtonLink>,
    );
    const link = screen.getByRole('link', { name: 'Lancer la simulation' });
    expect(link.getAttribute('href')).toBe('/simulateur');
    expect(link.className).toBe('btn btn-primary btn-lg');
  });
});
