import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { NotificationBell } from './NotificationBell';

const notification = {
  id: '7d3f2a4e-9b1c-4c8e-8a55-0f7b1f7d9e21',
  type: 'assignment.proposed',
  title: 'Dossier « TICPE »',
  body: 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
  link: '/dossiers/1',
  dossierId: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  readAt: null,
  archivedAt: null,
};

let unread = 2;
const calls: string[] = [];

beforeEach(() => {
  unread = 2;
  calls.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url === '/api/notifications/unread-count') return Response.json({ count: unread });
      if (url === '/api/notifications/read-all') {
        unread = 0;
        return Response.json({ updated: 2 });
      }
      if (url.startsWith('/api/notifications?'))
        return Response.json({ items: [notification], nextCursor: null });
      return Response.json({ code: 'NOT_FOUND' }, { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('notification bell', () => {
  it('shows the unread count in its name and badge', async () => {
    renderWithApp(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: /Notifications\s:\s2 non lues/ });
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByTestId('notification-badge').textContent).toBe('2');
  });

  it('opens with the keyboard, moves focus in, and gives it back on Escape', async () => {
    const user = userEvent.setup();
    renderWithApp(<NotificationBell />);
    const bell = await screen.findByRole('button', { name: /2 non lues/ });
    bell.focus();
    await user.keyboard('{Enter}');
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const heading = screen.getByRole('heading', { name: 'Notifications' });
    expect(document.activeElement).toBe(heading);
    expect(await screen.findByRole('link', { name: /Dossier proposé/ })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('heading', { name: 'Notifications' })).toBeNull();
    expect(document.activeElement).toBe(bell);
  });

  it('marks everything read and the badge goes', async () => {
    const user = userEvent.setup();
    renderWithApp(<NotificationBell />);
    await user.click(await screen.findByRole('button', { name: /2 non lues/ }));
    await user.click(screen.getByRole('button', { name: 'Tout marquer comme lu' }));
    await waitFor(() => expect(screen.queryByTestId('notification-badge')).toBeNull());
    expect(calls).toContain('POST /api/notifications/read-all');
    expect(screen.getByRole('button', { name: 'Notifications' })).toBeTruthy();
  });
});
