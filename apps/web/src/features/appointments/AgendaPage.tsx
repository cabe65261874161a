import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrentUser } from '../../app/RequireUser';
import {
  Button,
  ButtonLink,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
} from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { AgendaGrid } from './AgendaGrid';
import { useMyAppointments, useMyTimeZone } from './api';
import { FeedCard } from './FeedCard';
import { TimeZoneCard } from './TimeZoneCard';
import { addDays, daysOf, formatDay, instantRange, localDate, zoneLabel } from './time';
import '../../styles/appointments.css';

function Agenda({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [view, setView] = useState<'week' | 'month'>('week');
  const [anchor, setAnchor] = useState(() => localDate(new Date(), timeZone));
  const days = daysOf(view, anchor);
  const appointments = useMyAppointments(instantRange(days));
  const move = (direction: 1 | -1) =>
    setAnchor((current) =>
      view === 'week'
        ? addDays(current, 7 * direction)
        : `${addDays(`${current.slice(0, 7)}-15`, 30 * direction).slice(0, 7)}-01`,
    );
  const title =
    view === 'week'
      ? t('appointments.agenda.weekOf', {
          day: formatDay(days[0] ?? anchor, i18n.language, { weekday: undefined, year: 'numeric' }),
        })
      : formatDay(anchor, i18n.language, { weekday: undefined, day: undefined, year: 'numeric' });
  const items = (appointments.data?.items ?? []).filter((item) =>
    days.includes(localDate(item.startsAt, timeZone)),
  );

  return (
    <Card>
      <div className="agenda-toolbar">
        <div className="row">
          {(['week', 'month'] as const).map((option) => (
            <Button
              key={option}
              size="sm"
              variant={view === option ? 'primary' : 'secondary'}
              aria-pressed={view === option}
              onClick={() => setView(option)}
            >
              {t(`appointments.agenda.${option}`)}
            </Button>
          ))}
        </div>
        <h2 className="agenda-title">{title}</h2>
        <div className="row">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => move(-1)}
            aria-label={t('appointments.agenda.previous')}
          >
            ←
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setAnchor(localDate(new Date(), timeZone))}>
            {t('appointments.agenda.today')}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => move(1)}
            aria-label={t('appointments.agenda.next')}
          >
            →
          </Button>
        </div>
      </div>
      <p className="muted agenda-zone">
        {t('appointments.shownIn', { zone: zoneLabel(timeZone, i18n.language, `${days[0]}T12:00:00Z`) })}
      </p>
      {appointments.isPending ? (
        <LoadingState />
      ) : appointments.isError ? (
        <ErrorState message={errorMessage(appointments.error)} onRetry={() => void appointments.refetch()} />
      ) : (
        <>
          {items.length === 0 && (
            <EmptyState title={t('appointments.agenda.emptyTitle')}>
              {t('appointments.agenda.empty')}
            </EmptyState>
          )}
          <AgendaGrid view={view} days={days} month={anchor.slice(0, 7)} items={items} timeZone={timeZone} />
        </>
      )}
    </Card>
  );
}

function AgendaView({ role }: { role: 'client' | 'expert' | 'admin' }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const zone = useMyTimeZone();
  if (zone.isPending) return <LoadingState />;
  if (zone.isError)
    return <ErrorState message={errorMessage(zone.error)} onRetry={() => void zone.refetch()} />;
  return (
    <div className="stack">
      <PageHeader
        title={t('appointments.agenda.title')}
        description={t('appointments.agenda.description')}
        actions={
          role === 'expert' ? (
            <ButtonLink to="/agenda/disponibilites" variant="secondary">
              {t('appointments.availability.title')}
            </ButtonLink>
          ) : undefined
        }
      />
      <Agenda timeZone={zone.data.timeZone} />
      <div className="grid-2">
        <TimeZoneCard key={zone.data.timeZone} timeZone={zone.data.timeZone} />
        <FeedCard />
      </div>
    </div>
  );
}

export function AgendaPage() {
  return (
    <div className="container page">
      <CurrentUser>{(me) => <AgendaView role={me.user.role} />}</CurrentUser>
    </div>
  );
}
