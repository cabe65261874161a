import type { AppointmentRow } from './repository';
import { meetingOf } from './repository';

// C0 controls except HTAB (LF and CR are already gone), DEL and the C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/**
 * RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. Any
 * line break (CRLF, bare CR or bare LF) becomes `\n`, and every other control character (§3.1:
 * CONTROL, all but HTAB) is dropped: a bare CR would otherwise start a new property for readers
 * that split lines on CR, letting a user's text inject e.g. an ATTENDEE.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

const STATUS: Record<AppointmentRow['status'], string> = {
  pending: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  declined: 'CANCELLED',
  cancelled: 'CANCELLED',
  superseded: 'CANCELLED',
};

export type CalendarEntry = { row: AppointmentRow; title: string; url: string };

function event(entry: CalendarEntry, uidDomain: string): string[] {
  const { row } = entry;
  const meeting = meetingOf(row);
  const where =
    meeting.type === 'video'
      ? meeting.link
      : meeting.type === 'phone'
        ? `Téléphone : ${meeting.phone}`
        : meeting.address;
  const description = [row.agenda, row.reason ? `Motif : ${row.reason}` : '', entry.url]
    .filter(Boolean)
    .join('\n\n');
  return [
    'BEGIN:VEVENT',
    // Stable across reschedules, so calendars update the event rather than adding one.
    `UID:${row.id}@${uidDomain}`,
    `DTSTAMP:${utc(row.updated_at)}`,
    `DTSTART:${utc(row.starts_at)}`,
    `DTEND:${utc(row.ends_at)}`,
    `SEQUENCE:${row.sequence}`,
    `STATUS:${STATUS[row.status]}`,
    `SUMMARY:${escapeText(entry.title)}`,
    `LOCATION:${escapeText(where)}`,
    `DESCRIPTION:${escapeText(description)}`,
    `URL:${entry.url}`,
    'END:VEVENT',
  ];
}

/** One iCalendar object (a single download or a whole feed); times are UTC, so no VTIMEZONE is needed. */
export function renderCalendar(
  entries: readonly CalendarEntry[],
  options: { uidDomain: string; name?: string },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//FinancialTracker//Rendez-vous//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(options.name ? [`X-WR-CALNAME:${escapeText(options.name)}`] : []),
    ...entries.flatMap((entry) => event(entry, options.uidDomain)),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
