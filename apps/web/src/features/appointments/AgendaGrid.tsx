import type { Appointment } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StatusBadge } from './StatusBadge';
import { formatDay, formatTime, localDate } from './time';

/** The appointments of each shown day, read in the viewer's zone. */
export function AgendaGrid({
  view,
  days,
  month,
  items,
  timeZone,
}: {
  view: 'week' | 'month';
  days: string[];
  month: string;
  items: Appointment[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const today = localDate(new Date(), timeZone);
  const byDay = new Map<string, Appointment[]>();
  for (const item of items) {
    const day = localDate(item.startsAt, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  return (
    <ol className={`agenda-grid agenda-${view}`} aria-label={t(`appointments.agenda.${view}`)}>
      {days.map((day) => {
        const entries = byDay.get(day) ?? [];
        const outside = view === 'month' && day.slice(0, 7) !== month;
        return (
          <li
            key={day}
            className={['agenda-day', outside && 'agenda-outside', day === today && 'agenda-today']
              .filter(Boolean)
              .join(' ')}
          >
            <h3 className="agenda-day-title">
              {view === 'week'
                ? formatDay(day, i18n.language)
                : formatDay(day, i18n.language, { month: undefined, weekday: 'short' })}
            </h3>
            {entries.length === 0 ? (
              view === 'week' && <p className="muted agenda-free">{t('appointments.agenda.nothing')}</p>
            ) : (
              <ul className="agenda-entries">
                {entries.map((item) => (
                  <li key={item.id} className={`agenda-entry agenda-${item.status}`}>
                    <Link to={`/dossiers/${item.dossierId}`}>
                      <span className="agenda-time">
                        {formatTime(item.startsAt, timeZone, i18n.language)}–
                        {formatTime(item.endsAt, timeZone, i18n.language)}
                      </span>{' '}
                      {t(`appointments.meeting.${item.meeting.type}`)}
                    </Link>{' '}
                    <StatusBadge status={item.status} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
