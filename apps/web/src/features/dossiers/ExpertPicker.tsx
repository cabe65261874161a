import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Card, EmptyState, ErrorState, LoadingState } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { formatRate } from './FeeSummary';
import { dossierQueries } from './queries';

/** The qualified experts, fewest active dossiers first, as cards to choose from. */
export function ExpertPicker({
  dossierId,
  onPick,
  pending,
}: {
  dossierId: string;
  onPick: (expertId: string) => void;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const experts = useQuery(dossierQueries.experts(dossierId));
  if (experts.isPending) return <LoadingState />;
  if (experts.isError)
    return <ErrorState message={errorMessage(experts.error)} onRetry={() => void experts.refetch()} />;
  if (experts.data.experts.length === 0) return <EmptyState title={t('dossier.noExperts')} />;
  return (
    <div className="cards">
      {experts.data.experts.map((expert) => (
        <Card key={expert.id}>
          <h3>{expert.firmName}</h3>
          <p className="muted">
            {expert.firstName} {expert.lastName} ·{' '}
            {t('admin.experience', { count: expert.yearsOfExperience })}
          </p>
          <p className="field-hint">
            {t('dossier.languages')} : {expert.languages.join(', ').toUpperCase()} ·{' '}
            {t('dossier.activeDossiers', { count: expert.activeDossiers })} ·{' '}
            {expert.rating === null
              ? t('dossier.noRating')
              : t('dossier.rated', {
                  rating: expert.rating.toLocaleString(i18n.language),
                  count: expert.ratingCount,
                })}
          </p>
          <p className="expert-fee">
            {t('fees.pickerRate', {
              rate: formatRate(expert.clientFeeRateBps, i18n.language),
              min: formatRate(expert.clientFeeMinBps, i18n.language),
              max: formatRate(expert.clientFeeMaxBps, i18n.language),
            })}
          </p>
          <p>{expert.bio}</p>
          <Button onClick={() => onPick(expert.id)} loading={pending}>
            {t('dossier.pick')}
          </Button>
        </Card>
      ))}
    </div>
  );
}
