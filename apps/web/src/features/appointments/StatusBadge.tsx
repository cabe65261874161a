import type { Appointment } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type Tone } from '../../components/ui';

const TONE: Record<Appointment['status'], Tone> = {
  pending: 'warning',
  confirmed: 'success',
  declined: 'danger',
  cancelled: 'danger',
  superseded: 'neutral',
};

export function StatusBadge({ status }: { status: Appointment['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={TONE[status]}>{t(`appointments.status.${status}`)}</Badge>;
}
