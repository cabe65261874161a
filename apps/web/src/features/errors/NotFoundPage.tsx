import { useTranslation } from 'react-i18next';
import { ButtonLink, EmptyState } from '../../components/ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="container page">
      <EmptyState title={t('notFound.title')} action={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>}>
        {t('notFound.body')}
      </EmptyState>
    </div>
  );
}
