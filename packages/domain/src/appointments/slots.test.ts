import { describe, expect, it } from 'vitest';
import { type Availability, availabilityWindows, checkSlot, freeSlots, isOnSlotGrid } from './slots';

const paris: Availability = {
  timeZone: 'Europe/Paris',
  weekly: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '14:00', end: '16:00' },
    { weekday: 7, start: '01:00', end: '04:00' },
  ],
  exceptions: [{ from: '2026-12-21', to: '2026-12-25' }],
};
const iso = (date: Date) => date.toISOString();
const past = new Date('2000-01-01T00:00:00Z');

describe('availability windows', () => {
  it('turns local wall-clock ranges into UTC in winter (UTC+1) and summer (UTC+2)', () => {
    const winter = availabilityWindows(
      paris,
      new Date('2026-01-05T00:00:00Z'),
      new Date('2026-01-06T00:00:00Z'),
    );
    expect(winter.map((w) => [iso(w.start), iso(w.end)])).toEqual([
      ['2026-01-05T08:00:00.000Z', '2026-01-05T11:00:00.000Z'],
      ['2026-01-05T13:00:00.000Z', '2026-01-05T15:00:00.000Z'],
    ]);
    const summer = availabilityWindows(
      paris,
      new Date('2026-07-06T00:00:00Z'),
      new Date('2026-07-07T00:00:00Z'),
    );
    expect(iso(summer[0]?.start ?? past)).toBe('2026-07-06T07:00:00.000Z');
  });

  it('skips the days off of an exception, both ends included', () => {
    const monday21 = availabilityWindows(
      paris,
      new Date('2026-12-21T00:00:00Z'),
      new Date('2026-12-22T00:00:00Z'),
    );
    expect(monday21).toEqual([]);
    const monday28 = availabilityWindows(
      paris,
      new Date('2026-12-28T00:00:00Z'),
      new Date('2026-12-29T00:00:00Z'),
    );
    expect(monday28).toHaveLength(2);
  });

  it('loses the missing hour on the last Sunday of March (29 March 2026)', () => {
    // 01:00–04:00 local: 01:00 is UTC+1, 04:00 is UTC+2 → two real hours.
    const [window] = availabilityWindows(
      paris,
      new Date('2026-03-29T00:00:00Z'),
      new Date('2026-03-29T06:00:00Z'),
    );
    expect(window && [iso(window.start), iso(window.end)]).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
  });

  it('gains the repeated hour on the last Sunday of October (25 October 2026)', () => {
    // 01:00–04:00 local: 01:00 is UTC+2, 04:00 is UTC+1 → four real hours.
    const [window] = availabilityWindows(
      paris,
      new Date('2026-10-24T22:00:00Z'),
      new Date('2026-10-25T06:00:00Z'),
    );
    expect(window && [iso(window.start), iso(window.end)]).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });
});

describe('free slots', () => {
  const monday = { from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') };

  it('offers every quarter hour where the whole meeting fits', () => {
    const slots = freeSlots(paris, { ...monday, durationMinutes: 60, busy: [], notBefore: past });
    // 09:00..11:00 (9 starts) and 14:00..15:00 (5 starts), local.
    expect(slots).toHaveLength(14);
    expect(iso(slots[0]?.start ?? past)).toBe('2026-01-05T08:00:00.000Z');
    expect(iso(slots.at(-1)?.end ?? past)).toBe('2026-01-05T15:00:00.000Z');
  });

  it('leaves out slots overlapping a busy interval and those before notBefore', () => {
    const busy = [{ start: new Date('2026-01-05T09:00:00Z'), end: new Date('2026-01-05T09:30:00Z') }];
    const slots = freeSlots(paris, {
      ...monday,
      durationMinutes: 30,
      busy,
      notBefore: new Date('2026-01-05T08:30:00Z'),
    });
    const starts = slots.map((slot) => iso(slot.start).slice(11, 16));
    expect(starts).not.toContain('08:15');
    expect(starts).toContain('08:30');
    expect(starts).not.toContain('08:45');
    expect(starts).not.toContain('09:15');
    expect(starts).toContain('09:30');
  });

  it('keeps the local grid across the March change, with no slot in the missing hour', () => {
    const slots = freeSlots(paris, {
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-29T06:00:00Z'),
      durationMinutes: 30,
      busy: [],
      notBefore: past,
    });
    // Two real hours → 7 half-hour starts; local starts jump from 01:45 to 03:00.
    expect(slots).toHaveLength(7);
    const local = slots.map((slot) =>
      slot.start.toLocaleTimeString('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
    expect(local).toContain('01:30');
    expect(local).toContain('03:00');
    expect(local.some((time) => time.startsWith('02:'))).toBe(false);
  });

  it('offers the repeated hour twice in October', () => {
    const slots = freeSlots(paris, {
      from: new Date('2026-10-24T22:00:00Z'),
      to: new Date('2026-10-25T06:00:00Z'),
      durationMinutes: 60,
      busy: [],
      notBefore: past,
    });
    // Four real hours → 13 one-hour starts every quarter hour.
    expect(slots).toHaveLength(13);
  });

  it('shows an expert in Paris to a client in Guadeloupe (UTC−4) and Réunion (UTC+4)', () => {
    const [first] = freeSlots(paris, { ...monday, durationMinutes: 30, busy: [], notBefore: past });
    const at = (zone: string) =>
      first?.start.toLocaleTimeString('fr-FR', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    expect(at('Europe/Paris')).toBe('09:00');
    expect(at('America/Guadeloupe')).toBe('04:00');
    expect(at('Indian/Reunion')).toBe('12:00');
  });
});

describe('slot checks', () => {
  it('accepts a grid slot inside availability and says why others are refused', () => {
    expect(checkSlot(paris, new Date('2026-01-05T08:15:00Z'), 45)).toBe('ok');
    expect(checkSlot(paris, new Date('2026-01-05T08:10:00Z'), 30)).toBe('off-grid');
    expect(checkSlot(paris, new Date('2026-01-05T08:00:00Z'), 20)).toBe('bad-duration');
    expect(checkSlot(paris, new Date('2026-01-05T10:30:00Z'), 60)).toBe('outside-availability');
    expect(checkSlot(paris, new Date('2026-12-21T08:00:00Z'), 30)).toBe('outside-availability');
  });

  it('reads the grid on the wall clock of the zone', () => {
    // Kathmandu is UTC+5:45: 03:15 UTC is 09:00 local.
    expect(isOnSlotGrid(new Date('2026-01-05T03:15:00Z'), 'Asia/Kathmandu')).toBe(true);
    expect(isOnSlotGrid(new Date('2026-01-05T03:05:00Z'), 'Asia/Kathmandu')).toBe(false);
  });
});
