import type { Appointment, Meeting } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, EmptyState, ErrorState, LoadingState, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { useMe } from '../../lib/session';
import { AppointmentItem } from './AppointmentItem';
import { type SlotChoice, useAppointmentMutation, useDossierAppointments, useMyTimeZone } from './api';
import { type ExpertContact, ProposalForm, type ProposalMode } from './ProposalForm';
import { SlotPicker } from './SlotPicker';
import '../../styles/appointments.css';

type Booking = { mode: ProposalMode; appointment?: Appointment; choice?: SlotChoice };

function send(
  dossierId: string,
  booking: Booking,
  choice: SlotChoice,
  body: { meeting: Meeting; agenda: string; reason: string },
) {
  if (booking.mode === 'reschedule' && booking.appointment) {
    return apiRequest('POST /api/appointments/:id/reschedule', {
      params: { id: booking.appointment.id },
      body: { ...choice, reason: body.reason },
    });
  }
  const proposal = { ...choice, meeting: body.meeting, agenda: body.agenda };
  if (booking.mode === 'counter-propose' && booking.appointment) {
    return apiRequest('POST /api/appointments/:id/counter-proposal', {
      params: { id: booking.appointment.id },
      body: proposal,
    });
  }
  return apiRequest('POST /api/dossiers/:id/appointments', { params: { id: dossierId }, body: proposal });
}

/** The dossier's meetings, and the slot picker to propose or move one. */
export function DossierAppointments({
  dossierId,
  expertId,
  expertContact,
  canBook,
}: {
  dossierId: string;
  expertId: string;
  expertContact?: ExpertContact;
  canBook: boolean;
}) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const zone = useMyTimeZone();
  // The expert books among its own free times: the hint speaks to it, not about it.
  const isExpert = useMe().data?.user.role === 'expert';
  const list = useDossierAppointments(dossierId);
  const [booking, setBooking] = useState<Booking | null>(null);
  const submit = useAppointmentMutation(
    (input: {
      booking: Booking;
      choice: SlotChoice;
      body: { meeting: Meeting; agenda: string; reason: string };
    }) => send(dossierId, input.booking, input.choice, input.body),
  );

  const body = () => {
    if (zone.isPending || list.isPending) return <LoadingState />;
    if (zone.isError)
      return <ErrorState message={errorMessage(zone.error)} onRetry={() => void zone.refetch()} />;
    if (list.isError)
      return <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
    const timeZone = zone.data.timeZone;
    const items = list.data.items.filter((item) => item.status !== 'superseded');
    if (booking) {
      const { choice } = booking;
      return (
        <div className="stack">
          {choice ? (
            <ProposalForm
              mode={booking.mode}
              choice={choice}
              timeZone={timeZone}
              {...(booking.appointment ? { previous: booking.appointment } : {})}
              expertContact={expertContact}
              pending={submit.isPending}
              error={submit.error}
              onBack={() => {
                submit.reset();
                setBooking({ ...booking, choice: undefined });
              }}
              onSubmit={(values) =>
                submit.mutate(
                  { booking, choice, body: values },
                  {
                    onSuccess: () => {
                      setBooking(null);
                      notify(t(`appointments.sent.${booking.mode}`), 'success');
                    },
                  },
                )
              }
            />
          ) : (
            <SlotPicker
              expertId={expertId}
              dossierId={dossierId}
              timeZone={timeZone}
              onPick={(picked) => setBooking({ ...booking, choice: picked })}
            />
          )}
          <div>
            <Button variant="ghost" onClick={() => setBooking(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className="stack">
        {items.length === 0 ? (
          <EmptyState title={t('appointments.dossier.emptyTitle')}>
            {t(
              !canBook
                ? 'appointments.dossier.emptyClosed'
                : isExpert
                  ? 'appointments.dossier.emptyExpert'
                  : 'appointments.dossier.empty',
            )}
          </EmptyState>
        ) : (
          <ul className="appointments">
            {items.map((item) => (
              <AppointmentItem
                key={item.id}
                appointment={item}
                timeZone={timeZone}
                onChangeSlot={(mode, appointment) => setBooking({ mode, appointment })}
              />
            ))}
          </ul>
        )}
        {canBook && (
          <div>
            <Button onClick={() => setBooking({ mode: 'propose' })}>
              {t('appointments.actions.propose')}
            </Button>
          </div>
        )}
      </div>
    );
  };

  return <Card title={t('appointments.dossier.title')}>{body()}</Card>;
}
