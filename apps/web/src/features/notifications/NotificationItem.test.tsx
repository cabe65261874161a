import type { Notification } from '@ft/contracts';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../../lib/i18n';
import { renderWithApp } from '../../test/render';
import { NotificationSummary } from './NotificationItem';

const proposed: Notification = {
  id: '7d3f2a4e-9b1c-4c8e-8a55-0f7b1f7d9e21',
  type: 'assignment.proposed',
  title: 'Dossier « Remboursement partiel de TICPE »',
  body: 'Un dossier vous est proposé : vous avez 48 heures pour répondre.',
  template: 'dossier.propose-expert.expert',
  params: { product: 'Remboursement partiel de TICPE', productCode: 'TICPE' },
  link: '/dossiers/1',
  dossierId: null,
  createdAt: '2026-11-24T10:00:00.000Z',
  readAt: null,
  archivedAt: null,
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () =>
      Response.json({ user: null, profile: null, secondFactor: null, pendingConsents: null }),
    ),
  );
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await setupI18n().changeLanguage('fr');
});

describe('a notification', () => {
  it('reads in French as the API stored it', async () => {
    await setupI18n().changeLanguage('fr');
    renderWithApp(<NotificationSummary notification={proposed} />);
    expect(await screen.findByText('Dossier « Remboursement partiel de TICPE »')).toBeTruthy();
    expect(screen.getByText(/vous avez 48 heures pour répondre/)).toBeTruthy();
  });

  it('reads in English from its template, the product named in English', async () => {
    await setupI18n().changeLanguage('en');
    renderWithApp(<NotificationSummary notification={proposed} />);
    expect(await screen.findByText('Case “Partial TICPE (fuel tax) refund”')).toBeTruthy();
    expect(screen.getByText('A case is proposed to you: you have 48 hours to answer.')).toBeTruthy();
  });

  it('formats an appointment’s slot in the reader’s language and zone', async () => {
    await setupI18n().changeLanguage('en');
    const appointment: Notification = {
      ...proposed,
      type: 'appointment.cancelled',
      template: 'appointment.cancelled',
      params: {
        reason: 'Grève des transports',
        startsAt: '2026-01-05T08:00:00.000Z',
        endsAt: '2026-01-05T09:00:00.000Z',
        timeZone: 'Europe/Paris',
      },
    };
    renderWithApp(<NotificationSummary notification={appointment} />);
    const body = await screen.findByText(/The appointment was cancelled: Grève des transports/);
    expect(body.textContent).toContain(
      'Monday, 5 January 2026, 09:00–10:00 (Central European Time, Europe/Paris)',
    );
  });

  it('recorded before templates, says its type’s sentence in English rather than the French text', async () => {
    await setupI18n().changeLanguage('en');
    renderWithApp(<NotificationSummary notification={{ ...proposed, template: null, params: null }} />);
    expect(
      await screen.findByText('A dossier is proposed to you: you have 48 hours to answer.'),
    ).toBeTruthy();
    expect(screen.queryByText(/Dossier «/)).toBeNull();
  });
});
