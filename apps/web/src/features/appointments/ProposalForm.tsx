import type { Appointment, Meeting } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, SelectField, TextAreaField, TextField } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';
import type { SlotChoice } from './api';
import { formatRange, zoneLabel } from './time';

export type ProposalMode = 'propose' | 'counter-propose' | 'reschedule';

/** How the dossier's expert is usually met, from its profile. */
export type ExpertContact = { phone: string | null; meetingLink: string | null };

const contactFor = (type: Meeting['type'], contact: ExpertContact | undefined) =>
  (type === 'video' ? contact?.meetingLink : type === 'phone' ? contact?.phone : null) ?? '';

/**
 * Second step after the slot: how and what for (or, to move a meeting, why). A new meeting starts
 * from the expert's usual video link or phone, so neither party types them again.
 */
export function ProposalForm({
  mode,
  choice,
  timeZone,
  previous,
  expertContact,
  pending,
  error,
  onSubmit,
  onBack,
}: {
  mode: ProposalMode;
  choice: SlotChoice;
  timeZone: string;
  previous?: Appointment;
  expertContact?: ExpertContact | undefined;
  pending: boolean;
  error: unknown;
  onSubmit: (body: { meeting: Meeting; agenda: string; reason: string }) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [type, setType] = useState<Meeting['type']>(
    previous?.meeting.type ?? (expertContact?.meetingLink || !expertContact?.phone ? 'video' : 'phone'),
  );
  const [detail, setDetail] = useState(() => {
    const meeting = previous?.meeting;
    if (!meeting) return contactFor(type, expertContact);
    return meeting.type === 'video'
      ? meeting.link
      : meeting.type === 'phone'
        ? meeting.phone
        : meeting.address;
  });
  const [agenda, setAgenda] = useState(previous?.agenda ?? '');
  const [reason, setReason] = useState('');
  const byField = error instanceof ApiError ? error.byField : {};
  const detailField = type === 'video' ? 'link' : type === 'phone' ? 'phone' : 'address';
  const meeting: Meeting =
    type === 'video'
      ? { type, link: detail }
      : type === 'phone'
        ? { type, phone: detail }
        : { type, address: detail };
  const endsAt = new Date(Date.parse(choice.startsAt) + choice.durationMinutes * 60_000).toISOString();

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ meeting, agenda, reason });
      }}
    >
      <p>
        <strong>{formatRange(choice.startsAt, endsAt, timeZone, i18n.language)}</strong>
        <span className="muted"> · {zoneLabel(timeZone, i18n.language, choice.startsAt)}</span>
      </p>
      {error !== null &&
        error !== undefined &&
        !(error instanceof ApiError && error.fieldErrors.length > 0) && (
          <Alert tone="danger">{errorMessage(error)}</Alert>
        )}
      {byField.startsAt && <Alert tone="danger">{byField.startsAt}</Alert>}
      {mode === 'reschedule' ? (
        <TextAreaField
          label={t('appointments.form.reason')}
          value={reason}
          required
          minLength={3}
          maxLength={1000}
          onChange={(event) => setReason(event.target.value)}
          error={byField.reason}
        />
      ) : (
        <>
          <SelectField
            label={t('appointments.form.type')}
            value={type}
            onChange={(event) => {
              const next = event.target.value as Meeting['type'];
              // Untouched (empty or the profile's own value): follow the new type's default.
              if (detail === '' || detail === contactFor(type, expertContact))
                setDetail(contactFor(next, expertContact));
              setType(next);
            }}
            options={(['video', 'phone', 'on_site'] as const).map((value) => ({
              value,
              label: t(`appointments.meeting.${value}`),
            }))}
          />
          <TextField
            label={t(`appointments.form.${detailField}`)}
            type={type === 'video' ? 'url' : type === 'phone' ? 'tel' : 'text'}
            value={detail}
            required
            placeholder={type === 'video' ? 'https://' : undefined}
            onChange={(event) => setDetail(event.target.value)}
            error={byField[`meeting.${detailField}`]}
          />
          <TextAreaField
            label={t('appointments.form.agenda')}
            value={agenda}
            maxLength={2000}
            onChange={(event) => setAgenda(event.target.value)}
            error={byField.agenda}
          />
        </>
      )}
      <div className="row">
        <Button type="submit" loading={pending}>
          {t(`appointments.form.submit.${mode}`)}
        </Button>
        <Button variant="ghost" onClick={onBack}>
          {t('appointments.form.otherSlot')}
        </Button>
      </div>
    </form>
  );
}
