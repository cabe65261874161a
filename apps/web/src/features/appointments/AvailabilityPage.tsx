import type { Availability } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import {
  Alert,
  Button,
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';
import { fieldMessage } from '../../lib/field-errors';
import { useAvailability, useSaveAvailability } from './api';
import { TimeZonePicker } from './TimeZonePicker';
import { formatDay, zoneLabel } from './time';
import '../../styles/appointments.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
// 2024-01-01 is a Monday: names of the weekdays in the UI language.
const weekdayName = (weekday: number, language: string) =>
  formatDay(`2024-01-0${weekday}`, language, { day: undefined, month: undefined });

// Rows carry a key of their own while edited, so React keeps each input with its row.
type Keyed<T> = T & { key: string };
type Range = Keyed<Availability['weekly'][number]>;
type Exception = Keyed<Availability['exceptions'][number]>;
type Draft = { timeZone: string; weekly: Range[]; exceptions: Exception[] };
let lastKey = 0;
const keyed = <T extends object>(row: T): Keyed<T> => {
  lastKey += 1;
  return { ...row, key: `row-${lastKey}` };
};
const unkeyed = <T extends { key: string }>({ key: _key, ...row }: T) => row;

function WeekdayRanges({
  weekday,
  ranges,
  onChange,
}: {
  weekday: number;
  ranges: Range[];
  onChange: (ranges: Range[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = weekdayName(weekday, i18n.language);
  const update = (index: number, patch: Partial<Range>) =>
    onChange(ranges.map((range, i) => (i === index ? { ...range, ...patch } : range)));
  return (
    <fieldset className="availability-day">
      <legend>{name}</legend>
      {ranges.length === 0 && <p className="muted">{t('appointments.availability.closed')}</p>}
      {ranges.map((range, index) => (
        <div className="availability-range" key={range.key}>
          <TextField
            label={t('appointments.availability.from')}
            type="time"
            step={900}
            value={range.start}
            onChange={(event) => update(index, { start: event.target.value })}
          />
          <TextField
            label={t('appointments.availability.to')}
            type="time"
            step={900}
            value={range.end}
            onChange={(event) => update(index, { end: event.target.value })}
          />
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange(ranges.filter((_, i) => i !== index))}
            aria-label={t('appointments.availability.removeRange', {
              day: name,
              start: range.start,
              end: range.end,
            })}
          >
            {t('appointments.availability.remove')}
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        onClick={() =>
          onChange([
            ...ranges,
            keyed({
              weekday,
              start: ranges.length ? '14:00' : '09:00',
              end: ranges.length ? '17:00' : '12:00',
            }),
          ])
        }
      >
        {t('appointments.availability.addRange', { day: name })}
      </Button>
    </fieldset>
  );
}

function Editor({ saved }: { saved: Availability }) {
  const { t, i18n } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<Draft>(() => ({
    timeZone: saved.timeZone,
    weekly: saved.weekly.map(keyed),
    exceptions: saved.exceptions.map(keyed),
  }));
  const save = useSaveAvailability();
  const setExceptions = (exceptions: Exception[]) => setDraft({ ...draft, exceptions });
  const updateException = (index: number, patch: Partial<Exception>) =>
    setExceptions(
      draft.exceptions.map((exception, i) => (i === index ? { ...exception, ...patch } : exception)),
    );
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors : [];

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        const availability = {
          timeZone: draft.timeZone,
          weekly: draft.weekly.map(unkeyed),
          exceptions: draft.exceptions.map(unkeyed),
        };
        save.mutate(availability, {
          onSuccess: () => notify(t('appointments.availability.saved'), 'success'),
        });
      }}
    >
      {save.error && (
        <Alert tone="danger">
          {errorMessage(save.error)}
          {fieldErrors.length > 0 && (
            <ul>
              {fieldErrors.map((error) => (
                <li key={`${error.field}-${error.message}`}>{fieldMessage(error)}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <Card title={t('appointments.availability.zoneTitle')}>
        <TimeZonePicker
          label={t('appointments.availability.zone')}
          hint={zoneLabel(draft.timeZone, i18n.language)}
          value={draft.timeZone}
          onChange={(timeZone) => setDraft({ ...draft, timeZone })}
        />
      </Card>
      <Card title={t('appointments.availability.weekTitle')}>
        <p className="muted">{t('appointments.availability.weekHint')}</p>
        <div className="availability-week">
          {WEEKDAYS.map((weekday) => (
            <WeekdayRanges
              key={weekday}
              weekday={weekday}
              ranges={draft.weekly.filter((range) => range.weekday === weekday)}
              onChange={(ranges) =>
                setDraft({
                  ...draft,
                  weekly: [...draft.weekly.filter((range) => range.weekday !== weekday), ...ranges],
                })
              }
            />
          ))}
        </div>
      </Card>
      <Card title={t('appointments.availability.exceptionsTitle')}>
        <div className="stack">
          {draft.exceptions.length === 0 && (
            <p className="muted">{t('appointments.availability.noExceptions')}</p>
          )}
          {draft.exceptions.map((exception, index) => (
            <div className="availability-range" key={exception.key}>
              <TextField
                label={t('appointments.availability.firstDay')}
                type="date"
                value={exception.from}
                onChange={(event) => updateException(index, { from: event.target.value })}
              />
              <TextField
                label={t('appointments.availability.lastDay')}
                type="date"
                value={exception.to}
                onChange={(event) => updateException(index, { to: event.target.value })}
              />
              <TextField
                label={t('appointments.availability.reason')}
                value={exception.reason}
                maxLength={200}
                onChange={(event) => updateException(index, { reason: event.target.value })}
              />
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setExceptions(draft.exceptions.filter((_, i) => i !== index))}
              >
                {t('appointments.availability.remove')}
              </Button>
            </div>
          ))}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                const today = new Date().toISOString().slice(0, 10);
                setExceptions([...draft.exceptions, keyed({ from: today, to: today, reason: '' })]);
              }}
            >
              {t('appointments.availability.addException')}
            </Button>
          </div>
        </div>
      </Card>
      <div className="row">
        <Button type="submit" loading={save.isPending}>
          {t('appointments.availability.save')}
        </Button>
        <Link to="/agenda">{t('appointments.availability.back')}</Link>
      </div>
    </form>
  );
}

function AvailabilityView() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const availability = useAvailability();
  return (
    <div className="stack">
      <PageHeader
        title={t('appointments.availability.title')}
        description={t('appointments.availability.description')}
      />
      {availability.isPending ? (
        <LoadingState />
      ) : availability.isError ? (
        <ErrorState message={errorMessage(availability.error)} onRetry={() => void availability.refetch()} />
      ) : (
        <Editor saved={availability.data} />
      )}
    </div>
  );
}

export function AvailabilityPage() {
  return (
    <div className="container page">
      <CurrentUser>{() => <AvailabilityView />}</CurrentUser>
    </div>
  );
}
