import type { Appointment } from '@ft/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render';
import { AgendaGrid } from './AgendaGrid';

const appointment = (startsAt: string, endsAt: string): Appointment => ({
  id: '00000000-0000-4000-8000-000000000001',
  dossierId: '00000000-0000-4000-8000-000000000002',
  expertId: '00000000-0000-4000-8000-000000000003',
  clientId: '00000000-0000-4000-8000-000000000004',
  proposedBy: '00000000-0000-4000-8000-000000000004',
  startsAt,
  endsAt,
  timeZone: 'Europe/Paris',
  durationMinutes: 60,
  meeting: { type: 'phone', phone: '+33 1 23 45 67 89' },
  agenda: '',
  status: 'confirmed',
  sequence: 1,
  supersedesId: null,
  reason: null,
  report: null,
  createdAt: startsAt,
  actions: [],
});

const week = [
  '2027-03-29',
  '2027-03-30',
  '2027-03-31',
  '2027-04-01',
  '2027-04-02',
  '2027-04-03',
  '2027-04-04',
];

describe('agenda grid', () => {
  it('puts an appointment on the day and hour of the viewer’s zone', () => {
    // 09:00 in Paris on Monday 29 March 2027 (summer time) is 03:00 in Guadeloupe, the same day.
    const items = [appointment('2027-03-29T07:00:00.000Z', '2027-03-29T08:00:00.000Z')];
    renderWithApp(
      <AgendaGrid view="week" days={week} month="2027-03" items={items} timeZone="America/Guadeloupe" />,
    );
    const monday = screen.getByRole('heading', { name: 'lundi 29 mars' }).closest('li');
    expect(monday && within(monday).getByRole('link').textContent).toBe('03:00–04:00 Téléphone');
    expect(within(monday as HTMLElement).getByText('Confirmé')).toBeTruthy();
  });

  it('moves it to the next day in Réunion when it is late in Paris', () => {
    const items = [appointment('2027-03-29T21:00:00.000Z', '2027-03-29T21:30:00.000Z')];
    renderWithApp(
      <AgendaGrid view="week" days={week} month="2027-03" items={items} timeZone="Indian/Reunion" />,
    );
    const tuesday = screen.getByRole('heading', { name: 'mardi 30 mars' }).closest('li');
    expect(tuesday && within(tuesday).getByRole('link').textContent).toBe('01:00–01:30 Téléphone');
  });
});
