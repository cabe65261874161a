import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, useToast } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { useSetTimeZone } from './api';
import { TimeZonePicker } from './TimeZonePicker';
import { zoneLabel } from './time';

/** The viewer's own zone: every time on its screens is shown in it. */
export function TimeZoneCard({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState(timeZone);
  const save = useSetTimeZone();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  return (
    <Card title={t('appointments.zone.title')}>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(chosen, { onSuccess: () => notify(t('appointments.zone.saved'), 'success') });
        }}
      >
        <p className="muted">
          {t('appointments.zone.current', { zone: zoneLabel(timeZone, i18n.language) })}
        </p>
        <TimeZonePicker
          label={t('appointments.zone.label')}
          value={chosen}
          onChange={setChosen}
          error={save.error ? errorMessage(save.error) : undefined}
        />
        <div>
          <Button type="submit" variant="secondary" loading={save.isPending} disabled={chosen === timeZone}>
            {t('appointments.zone.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
