import type { LegalDocument } from '@ft/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useFormSubmit } from '../../lib/forms';
import { ME_KEY } from '../../lib/session';
import { ConsentFields, ticked } from './ConsentFields';

/** Asked again when a legal text changed since the user accepted it. */
export function ConsentGate({ pending }: { pending: LegalDocument[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/me/consents', {
        body: {
          acceptTerms: pending.includes('terms') ? ticked(values.acceptTerms) : true,
          acceptPrivacy: pending.includes('privacy') ? ticked(values.acceptPrivacy) : true,
        },
      }),
    () => void queryClient.invalidateQueries({ queryKey: ME_KEY }),
  );
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{t('legal.updatedTitle')}</h1>
        <p className="muted">{t('legal.updatedLead')}</p>
        <form className="stack" onSubmit={form.onSubmit} noValidate>
          {form.formError && <Alert tone="danger">{form.formError}</Alert>}
          <ConsentFields documents={pending} errors={form.fieldErrors} />
          <div>
            <Button type="submit" loading={form.pending}>
              {t('legal.acceptSubmit')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
