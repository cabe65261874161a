/**
 * The places people look for, named the way a French speaker does: the IANA ids say
 * "America/Guadeloupe" or "Europe/Brussels", a person types "Guadeloupe" or "Bruxelles". Zones
 * not listed fall back to the city of their id ("America/Los_Angeles" → "Los Angeles").
 */
const FRENCH_NAMES: Record<string, string> = {
  'Europe/Paris': 'Paris, France métropolitaine',
  'America/Guadeloupe': 'Guadeloupe, Saint-Barthélemy, Saint-Martin',
  'America/Martinique': 'Martinique',
  'America/Cayenne': 'Guyane (Cayenne)',
  'Indian/Reunion': 'La Réunion (Saint-Denis)',
  'Indian/Mayotte': 'Mayotte (Mamoudzou)',
  'America/Miquelon': 'Saint-Pierre-et-Miquelon',
  'Pacific/Noumea': 'Nouvelle-Calédonie (Nouméa)',
  'Pacific/Tahiti': 'Polynésie française (Papeete)',
  'Pacific/Wallis': 'Wallis-et-Futuna',
  'Europe/London': 'Londres',
  'Europe/Brussels': 'Bruxelles',
  'Europe/Luxembourg': 'Luxembourg',
  'Europe/Zurich': 'Zurich, Genève',
  'Europe/Monaco': 'Monaco',
  'Europe/Berlin': 'Berlin',
  'Europe/Madrid': 'Madrid',
  'Europe/Lisbon': 'Lisbonne',
  'Europe/Rome': 'Rome',
  'Europe/Amsterdam': 'Amsterdam',
  'Europe/Vienna': 'Vienne',
  'Europe/Warsaw': 'Varsovie',
  'Europe/Athens': 'Athènes',
  'Europe/Bucharest': 'Bucarest',
  'Europe/Moscow': 'Moscou',
  'Europe/Istanbul': 'Istanbul',
  'Africa/Casablanca': 'Casablanca',
  'Africa/Algiers': 'Alger',
  'Africa/Tunis': 'Tunis',
  'Africa/Dakar': 'Dakar',
  'Africa/Abidjan': 'Abidjan',
  'Africa/Cairo': 'Le Caire',
  'Asia/Dubai': 'Dubaï',
  'Asia/Shanghai': 'Shanghai, Pékin',
  'Asia/Tokyo': 'Tokyo',
  'Asia/Singapore': 'Singapour',
  'America/Montreal': 'Montréal',
  'America/Toronto': 'Toronto, Montréal',
  'America/New_York': 'New York',
  'America/Los_Angeles': 'Los Angeles',
  'America/Sao_Paulo': 'São Paulo',
  UTC: 'Temps universel coordonné (UTC)',
};

/** French territories first: most of our users live there. */
const FIRST = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
];

const cityOf = (zone: string) => (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');

/** `UTC+01:00` at `at`, from the zone's own offset (daylight saving included). */
function offsetOf(zone: string, at: Date) {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return !name || name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC');
}

export type ZoneOption = { zone: string; label: string };

/** Every zone with a searchable label: `Paris, France métropolitaine — UTC+01:00 (Europe/Paris)`. */
export function zoneOptions(zones: string[], language: string, at = new Date()): ZoneOption[] {
  const name = (zone: string) => (language === 'fr' ? FRENCH_NAMES[zone] : undefined) ?? cityOf(zone);
  const ordered = [
    ...FIRST.filter((zone) => zones.includes(zone)),
    ...zones.filter((zone) => !FIRST.includes(zone)).sort((a, b) => name(a).localeCompare(name(b), language)),
  ];
  return ordered.map((zone) => ({ zone, label: `${name(zone)} — ${offsetOf(zone, at)} (${zone})` }));
}
