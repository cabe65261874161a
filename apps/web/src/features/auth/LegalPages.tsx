import { LEGAL_VERSIONS, type LegalDocument } from '@ft/contracts/ui-constants';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';

function LegalPage({ document }: { document: LegalDocument }) {
  const { t, i18n } = useTranslation();
  const title = t(`legal.${document}Title`);
  usePageTitle(title);
  const sections = t(`legal.${document}Sections`, { returnObjects: true }) as [string, string][];
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{title}</h1>
        <p className="muted">
          {t('legal.version', { version: formatDate(LEGAL_VERSIONS[document], i18n.language) })}
        </p>
        {sections.map(([heading, text]) => (
          <section key={heading} className="stack">
            <h2>{heading}</h2>
            <p>{text}</p>
          </section>
        ))}
      </Card>
    </div>
  );
}

export const TermsPage = () => <LegalPage document="terms" />;
export const PrivacyPage = () => <LegalPage document="privacy" />;
