import { describe, expect, it } from 'vitest';
import { daysOf, formatRange, instantRange, localDate, zoneLabel } from './time';

describe('agenda time helpers', () => {
  it('reads the same instant as a different day and hour in each zone', () => {
    const instant = '2027-03-22T02:30:00.000Z';
    expect(localDate(instant, 'Europe/Paris')).toBe('2027-03-22');
    expect(localDate(instant, 'America/Guadeloupe')).toBe('2027-03-21');
    expect(formatRange(instant, '2027-03-22T03:30:00.000Z', 'Indian/Reunion', 'fr')).toBe(
      'lundi 22 mars, 06:30–07:30',
    );
  });

  it('names the zone, with its daylight-saving name in summer', () => {
    expect(zoneLabel('Europe/Paris', 'fr', '2027-01-10T12:00:00Z')).toBe(
      'heure normale d’Europe centrale (Europe/Paris)',
    );
    expect(zoneLabel('Europe/Paris', 'fr', '2027-07-10T12:00:00Z')).toBe(
      'heure d’été d’Europe centrale (Europe/Paris)',
    );
  });

  it('lays out a week from Monday and whole weeks for a month', () => {
    expect(daysOf('week', '2027-03-31')).toEqual([
      '2027-03-29',
      '2027-03-30',
      '2027-03-31',
      '2027-04-01',
      '2027-04-02',
      '2027-04-03',
      '2027-04-04',
    ]);
    const march = daysOf('month', '2027-03-15');
    expect(march[0]).toBe('2027-03-01');
    expect(march.at(-1)).toBe('2027-04-04');
    expect(march).toHaveLength(35);
    const november = daysOf('month', '2026-11-25');
    expect([november[0], november.at(-1), november.length]).toEqual(['2026-10-26', '2026-12-06', 42]);
  });

  it('asks the API for enough hours to cover local days in any zone', () => {
    expect(instantRange(['2027-03-29', '2027-04-04'])).toEqual({
      from: '2027-03-28T10:00:00.000Z',
      to: '2027-04-05T14:00:00.000Z',
    });
  });
});
