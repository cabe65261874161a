import { useTranslation } from 'react-i18next';
import { ButtonLink, EmptyState } from '../../components/ui';
import { usePageTitle } from '../../lib/page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="container page">
      <EmptyState
        title={t('notFound.title')}
        titleAs="h1"
        action={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>}
      >
        {t('notFound.body')}
      </EmptyState>
    </div>
  );
}
