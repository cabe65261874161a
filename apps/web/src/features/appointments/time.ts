/**
 * Times in a chosen IANA zone with the browser's own zone database (Intl), so every viewer reads an
 * appointment in its own zone, with that zone named.
 */
const localeOf = (language: string) => (language === 'en' ? 'en-GB' : 'fr-FR');

/** The calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

export const formatTime = (instant: string | Date, timeZone: string, language: string) =>
  new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );

export const formatLongDate = (instant: string | Date, timeZone: string, language: string) =>
  new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(instant));

/** A calendar date as a heading: `lundi 22 mars`. The date is a day, not an instant: read in UTC. */
export const formatDay = (date: string, language: string, options: Intl.DateTimeFormatOptions = {}) =>
  new Intl.DateTimeFormat(localeOf(language), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...options,
  }).format(new Date(`${date}T12:00:00Z`));

/** `heure normale d’Europe centrale (Europe/Paris)`: the name changes with daylight saving. */
export function zoneLabel(timeZone: string, language: string, at: Date | string = new Date()): string {
  const name = new Intl.DateTimeFormat(localeOf(language), { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(at))
    .find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${name} (${timeZone})` : timeZone;
}

/** `lundi 22 mars, 09:00–10:00` in the zone. */
export const formatRange = (startsAt: string, endsAt: string, timeZone: string, language: string) =>
  `${formatLongDate(startsAt, timeZone, language)}, ${formatTime(startsAt, timeZone, language)}–${formatTime(endsAt, timeZone, language)}`;

/** Calendar arithmetic on `YYYY-MM-DD` (no zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday. */
export const weekdayOf = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
};

export const mondayOf = (date: string) => addDays(date, 1 - weekdayOf(date));

/** The days shown by a view: a week from Monday, or the whole weeks covering a month. */
export function daysOf(view: 'week' | 'month', anchor: string): string[] {
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDays(mondayOf(anchor), i));
  const first = `${anchor.slice(0, 7)}-01`;
  const start = mondayOf(first);
  const nextMonth = addDays(`${anchor.slice(0, 7)}-28`, 7).slice(0, 7);
  const days: string[] = [];
  for (let day = start; days.length < 42; day = addDays(day, 1)) {
    if (day.slice(0, 7) === nextMonth && weekdayOf(day) === 1) break;
    days.push(day);
  }
  return days;
}

/**
 * An instant range covering whole local days in any zone: local midnights are within ±14 h of UTC
 * midnight, so the extra hours catch the edges and the view keeps only its own days.
 */
export function instantRange(days: readonly string[]): { from: string; to: string } {
  const first = days[0] ?? '1970-01-01';
  const last = days.at(-1) ?? first;
  return {
    from: new Date(Date.parse(`${first}T00:00:00Z`) - 14 * 3_600_000).toISOString(),
    to: new Date(Date.parse(`${addDays(last, 1)}T00:00:00Z`) + 14 * 3_600_000).toISOString(),
  };
}

/** Zones offered in the selectors: the browser's IANA list. */
export const timeZones = (): string[] => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
};
