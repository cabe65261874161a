import { describe, expect, it } from 'vitest';
import { zoneOptions } from './zoneNames';

const zones = ['America/Los_Angeles', 'Europe/Brussels', 'Europe/Paris', 'America/Guadeloupe', 'UTC'];
const winter = new Date('2026-01-15T12:00:00Z');

describe('time-zone options', () => {
  it('names zones as a French speaker searches them, French territories first, with their offset', () => {
    const labels = zoneOptions(zones, 'fr', winter).map((o) => o.label);
    expect(labels[0]).toBe('Paris, France métropolitaine — UTC+01:00 (Europe/Paris)');
    expect(labels[1]).toBe('Guadeloupe, Saint-Barthélemy, Saint-Martin — UTC-04:00 (America/Guadeloupe)');
    expect(labels).toContain('Bruxelles — UTC+01:00 (Europe/Brussels)');
    expect(labels).toContain('Los Angeles — UTC-08:00 (America/Los_Angeles)');
  });

  it('follows daylight saving and falls back to the id’s city in English', () => {
    const summer = new Date('2026-07-15T12:00:00Z');
    expect(zoneOptions(['Europe/Paris'], 'fr', summer)[0]?.label).toContain('UTC+02:00');
    expect(zoneOptions(['Europe/Brussels'], 'en', winter)[0]?.label).toBe(
      'Brussels — UTC+01:00 (Europe/Brussels)',
    );
  });
});
