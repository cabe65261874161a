import { useTranslation } from 'react-i18next';
import { ButtonLink, Card } from '../../components/ui';
import { usePageTitle } from '../../lib/page-title';

const PRODUCT_KEYS = [
  'ticpe',
  'urssaf',
  'dfs',
  'propertyTax',
  'msa',
  'debt',
  'energy',
  'tachograph',
] as const;

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle();
  const steps = t('home.steps', { returnObjects: true }) as [string, string][];
  const trust = t('home.trust', { returnObjects: true }) as [string, string][];
  const figures = t('home.figures', { returnObjects: true }) as { value: string; label: string }[];
  return (
    <>
      <section className="hero">
        <div className="container">
          <h1>{t('home.title')}</h1>
          <p>{t('home.lead')}</p>
          <div className="row">
            <ButtonLink to="/simulateur" size="lg">
              {t('home.cta')}
            </ButtonLink>
            <ButtonLink to="/inscription/expert" size="lg" variant="secondary">
              {t('home.ctaSecondary')}
            </ButtonLink>
          </div>
          <ul className="hero-figures" aria-label={t('home.figuresLabel')}>
            {figures.map((figure) => (
              <li key={figure.label}>
                <strong>{figure.value}</strong>
                {figure.label}
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="section container" aria-labelledby="products-title">
        <h2 id="products-title">{t('home.productsTitle')}</h2>
        <p className="section-lead">{t('home.productsLead')}</p>
        <div className="cards">
          {PRODUCT_KEYS.map((key) => {
            const [title, body] = t(`home.products.${key}`, { returnObjects: true }) as [string, string];
            return (
              <Card key={key}>
                <h3>{title}</h3>
                <p className="muted">{body}</p>
              </Card>
            );
          })}
        </div>
      </section>

      <section className="section container" aria-labelledby="how-title">
        <h2 id="how-title">{t('home.howTitle')}</h2>
        <ol className="steps">
          {steps.map(([title, body], index) => (
            <li key={title} className="card">
              <span className="step-number" aria-hidden="true">
                {index + 1}
              </span>
              <h3>{title}</h3>
              <p className="muted">{body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section className="section container" aria-labelledby="trust-title">
        <h2 id="trust-title">{t('home.trustTitle')}</h2>
        <div className="cards cards-fit">
          {trust.map(([title, body]) => (
            <Card key={title}>
              <h3>{title}</h3>
              <p className="muted">{body}</p>
            </Card>
          ))}
        </div>
      </section>

      <section className="section container" aria-labelledby="closing-title">
        <div className="closing-cta">
          <div>
            <h2 id="closing-title">{t('home.closingTitle')}</h2>
            <p>{t('home.closingLead')}</p>
          </div>
          <ButtonLink to="/simulateur" size="lg">
            {t('home.cta')}
          </ButtonLink>
        </div>
      </section>
    </>
  );
}
