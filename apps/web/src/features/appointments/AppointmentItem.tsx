import type { Appointment } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfirmDialog, TextAreaField } from '../../components/ui';
import { apiHref, apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { useAppointmentMutation } from './api';
import { StatusBadge } from './StatusBadge';
import { formatRange, formatTime, zoneLabel } from './time';

type Answer = 'decline' | 'cancel';

/** One appointment with what the viewer may do with it now. */
export function AppointmentItem({
  appointment: a,
  timeZone,
  onChangeSlot,
}: {
  appointment: Appointment;
  timeZone: string;
  onChangeSlot: (mode: 'counter-propose' | 'reschedule', appointment: Appointment) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState<Answer | null>(null);
  const [reason, setReason] = useState('');
  const [report, setReport] = useState('');
  const params = { id: a.id };
  const accept = useAppointmentMutation(() => apiRequest('POST /api/appointments/:id/accept', { params }));
  const answer = useAppointmentMutation((kind: Answer) =>
    apiRequest(`POST /api/appointments/:id/${kind}`, { params, body: { reason } }),
  );
  const sendReport = useAppointmentMutation(() =>
    apiRequest('POST /api/appointments/:id/report', { params, body: { report } }),
  );
  const error = accept.error ?? answer.error ?? sendReport.error;
  const meeting =
    a.meeting.type === 'video'
      ? a.meeting.link
      : a.meeting.type === 'phone'
        ? a.meeting.phone
        : a.meeting.address;

  return (
    <li className="appointment">
      <div className="appointment-head">
        <strong>{formatRange(a.startsAt, a.endsAt, timeZone, i18n.language)}</strong>{' '}
        <StatusBadge status={a.status} />
      </div>
      <p className="muted">
        {zoneLabel(timeZone, i18n.language, a.startsAt)}
        {a.timeZone !== timeZone &&
          ` · ${t('appointments.proposedIn', { time: formatTime(a.startsAt, a.timeZone, i18n.language), zone: a.timeZone })}`}
      </p>
      <p>
        {t(`appointments.meeting.${a.meeting.type}`)} :{' '}
        {a.meeting.type === 'video' ? (
          <a href={a.meeting.link} rel="noopener noreferrer" target="_blank">
            {meeting}
          </a>
        ) : (
          meeting
        )}
      </p>
      {a.agenda && <p className="appointment-agenda">{a.agenda}</p>}
      {a.reason && <p className="muted">{t('appointments.reason', { reason: a.reason })}</p>}
      {a.report && <p className="appointment-report">{t('appointments.report', { report: a.report })}</p>}
      {error && <Alert tone="danger">{errorMessage(error)}</Alert>}
      <div className="row">
        {a.actions.includes('accept') && (
          <Button size="sm" onClick={() => accept.mutate(undefined)} loading={accept.isPending}>
            {t('appointments.actions.accept')}
          </Button>
        )}
        {a.actions.includes('counter-propose') && (
          <Button size="sm" variant="secondary" onClick={() => onChangeSlot('counter-propose', a)}>
            {t('appointments.actions.counterPropose')}
          </Button>
        )}
        {a.actions.includes('decline') && (
          <Button size="sm" variant="secondary" onClick={() => setAsking('decline')}>
            {t('appointments.actions.decline')}
          </Button>
        )}
        {a.actions.includes('reschedule') && (
          <Button size="sm" variant="secondary" onClick={() => onChangeSlot('reschedule', a)}>
            {t('appointments.actions.reschedule')}
          </Button>
        )}
        {a.actions.includes('cancel') && (
          <Button size="sm" variant="ghost" onClick={() => setAsking('cancel')}>
            {t('appointments.actions.cancel')}
          </Button>
        )}
        {a.status !== 'superseded' && (
          <a
            className="btn btn-ghost btn-sm"
            href={apiHref('GET /api/appointments/:id/ics', params)}
            download
          >
            {t('appointments.actions.ics')}
          </a>
        )}
      </div>
      {a.actions.includes('report') && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            sendReport.mutate(undefined);
          }}
        >
          <TextAreaField
            label={t('appointments.actions.reportLabel')}
            value={report}
            required
            minLength={3}
            maxLength={4000}
            onChange={(event) => setReport(event.target.value)}
          />
          <div>
            <Button type="submit" size="sm" loading={sendReport.isPending}>
              {t('appointments.actions.report')}
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={t(`appointments.confirm.${asking ?? 'cancel'}Title`)}
        message={t(`appointments.confirm.${asking ?? 'cancel'}Message`)}
        confirmLabel={t(`appointments.actions.${asking ?? 'cancel'}`)}
        danger
        loading={answer.isPending}
        onConfirm={() => {
          if (asking)
            answer.mutate(asking, {
              onSuccess: () => {
                setAsking(null);
                setReason('');
              },
            });
        }}
        onCancel={() => setAsking(null)}
      >
        <TextAreaField
          label={t('appointments.form.reason')}
          value={reason}
          required
          minLength={3}
          onChange={(event) => setReason(event.target.value)}
          error={answer.error ? errorMessage(answer.error) : undefined}
        />
      </ConfirmDialog>
    </li>
  );
}
