const euroFormatters = new Map<string, Intl.NumberFormat>();

function euroFormatter(locale: string, fractionDigits: number) {
  const key = `${locale}:${fractionDigits}`;
  let formatter = euroFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    euroFormatters.set(key, formatter);
  }
  return formatter;
}

const localeOf = (language: string) => (language === 'en' ? 'en-GB' : 'fr-FR');

/** Whole euros, French style by default: `159 300 €`. */
export const formatEuros = (amount: number, language = 'fr') =>
  euroFormatter(localeOf(language), 0).format(amount);

/** Integer cents to euros with cents: `1 234,56 €`. */
export const formatCents = (cents: number, language = 'fr') =>
  euroFormatter(localeOf(language), 2).format(cents / 100);

/** A calendar date: `24/11/2026`. */
export const formatDate = (iso: string | Date, language = 'fr') =>
  new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

/** Date and time in Paris time: `24/11/2026 14:05`. */
export const formatDateTime = (iso: string | Date, language = 'fr') =>
  new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

/** A `YYYY-MM` month as people say it: `décembre 2026`. Anything else is shown as it came. */
export function formatMonth(month: string, language = 'fr') {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat(localeOf(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}
