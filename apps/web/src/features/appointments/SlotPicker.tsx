import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, EmptyState, ErrorState, LoadingState, SelectField } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { DURATIONS, type Duration, type SlotChoice, useFreeSlots } from './api';
import { addDays, formatDay, formatTime, instantRange, localDate, zoneLabel } from './time';

const DAYS_SHOWN = 7;

/** Free slots of the dossier's expert, a week at a time, in the viewer's zone. */
export function SlotPicker({
  expertId,
  dossierId,
  timeZone,
  onPick,
}: {
  expertId: string;
  dossierId: string;
  timeZone: string;
  onPick: (choice: SlotChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const today = localDate(new Date(), timeZone);
  const [first, setFirst] = useState(today);
  const [duration, setDuration] = useState<Duration>(60);
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(first, i));
  const slots = useFreeSlots({ expertId, dossierId, ...instantRange(days), duration });
  const byDay = new Map<string, { startsAt: string; endsAt: string }[]>();
  for (const slot of slots.data?.slots ?? []) {
    const day = localDate(slot.startsAt, timeZone);
    if (days.includes(day)) byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }

  return (
    <div className="stack slot-picker">
      <div className="row slot-picker-toolbar">
        <SelectField
          label={t('appointments.picker.duration')}
          value={String(duration)}
          onChange={(event) =>
            setDuration(DURATIONS.find((minutes) => String(minutes) === event.target.value) ?? 60)
          }
          options={DURATIONS.map((minutes) => ({
            value: String(minutes),
            label: t('appointments.minutes', { count: minutes }),
          }))}
        />
        <div className="row">
          <Button
            size="sm"
            variant="secondary"
            disabled={first <= today}
            onClick={() => setFirst(addDays(first, -DAYS_SHOWN))}
          >
            {t('appointments.picker.previous')}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setFirst(addDays(first, DAYS_SHOWN))}>
            {t('appointments.picker.next')}
          </Button>
        </div>
      </div>
      <p className="muted">
        {t('appointments.shownIn', { zone: zoneLabel(timeZone, i18n.language, `${first}T12:00:00Z`) })}
      </p>
      {slots.isPending ? (
        <LoadingState />
      ) : slots.isError ? (
        <ErrorState message={errorMessage(slots.error)} onRetry={() => void slots.refetch()} />
      ) : byDay.size === 0 ? (
        <EmptyState title={t('appointments.picker.emptyTitle')}>{t('appointments.picker.empty')}</EmptyState>
      ) : (
        <div className="slot-days">
          {days
            .filter((day) => byDay.has(day))
            .map((day) => (
              <section key={day} className="slot-day" aria-label={formatDay(day, i18n.language)}>
                <h4>{formatDay(day, i18n.language)}</h4>
                <ul className="slot-list">
                  {(byDay.get(day) ?? []).map((slot) => (
                    <li key={slot.startsAt}>
                      <Button
                        size="sm"
                        variant="secondary"
                        className="slot"
                        onClick={() => onPick({ startsAt: slot.startsAt, durationMinutes: duration })}
                      >
                        {formatTime(slot.startsAt, timeZone, i18n.language)}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </div>
      )}
    </div>
  );
}
