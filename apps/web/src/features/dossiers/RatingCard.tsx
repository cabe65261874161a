import type { DossierDetail } from '@ft/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, SelectField, TextAreaField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { textOf, useFormSubmit } from '../../lib/forms';
import { dossierKeys } from './queries';

/** Once the dossier is completed, the client rates the expert (once); everyone sees the rating. */
export function RatingCard({ dossier, canRate }: { dossier: DossierDetail; canRate: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormSubmit(
    (v) =>
      apiRequest('POST /api/dossiers/:id/rate-expert', {
        params: { id: dossier.id },
        body: { score: Number(v.score), ...(v.comment ? { comment: textOf(v.comment) } : {}) },
      }),
    (updated) => queryClient.setQueryData(dossierKeys.detail(dossier.id), updated),
  );
  if (dossier.rating) {
    // "Votre avis" only to the client who gave it; the expert and the team read the client's.
    return (
      <Card title={t(canRate ? 'dossier.ratingTitle' : 'dossier.ratingTitleOthers')}>
        <p>
          <strong>{t('dossier.ratingValue', { score: dossier.rating.score })}</strong>
          {dossier.rating.comment && <> — {dossier.rating.comment}</>}
        </p>
      </Card>
    );
  }
  if (!canRate || dossier.status !== 'completed' || !dossier.expertId) return null;
  return (
    <Card title={t('dossier.ratingTitle')}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <SelectField
          label={t('dossier.ratingScore')}
          name="score"
          defaultValue="5"
          options={[5, 4, 3, 2, 1].map((score) => ({
            value: String(score),
            label: t('dossier.ratingValue', { score }),
          }))}
          error={form.fieldErrors.score}
        />
        <TextAreaField label={t('dossier.ratingComment')} name="comment" error={form.fieldErrors.comment} />
        <div>
          <Button type="submit" loading={form.pending}>
            {t('dossier.ratingSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
