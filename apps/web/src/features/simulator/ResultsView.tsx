import type { Evaluation, ProductResultView } from '@ft/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, ButtonLink, Card } from '../../components/ui';
import { formatDate, formatEuros } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { simulatorQueries } from './useSimulator';

type ProductInfo = { code: string; name: string; category: string; description: string };
type Changes = Evaluation['dossierChanges'];

/** "46 680 € par an", "2 000 € ponctuel", or that the expert will establish it. */
function AmountLine({ product }: { product: ProductResultView }) {
  const { t, i18n } = useTranslation();
  if (product.amountEuros === null)
    return <p className="result-amount result-amount-expert">{t('simulator.expertAmount')}</p>;
  return (
    <p className="result-amount">
      {formatEuros(product.amountEuros, i18n.language)}{' '}
      <span className="result-period">
        {product.period === 'annual' ? t('simulator.perYear') : t('simulator.oneOff')}
      </span>
    </p>
  );
}

function ResultCard({ product, info }: { product: ProductResultView; info: ProductInfo | undefined }) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const texts = labels.result(product);
  return (
    <Card className="result-card" data-testid={`result-${product.code}`}>
      <Badge tone="info">{labels.category(info?.category ?? '')}</Badge>
      <h3>{labels.product(product.code, info?.name ?? product.code)}</h3>
      <AmountLine product={product} />
      {product.claimBy && (
        <p className="result-deadline">
          <strong>{t('simulator.claimBy', { date: formatDate(product.claimBy, i18n.language) })}</strong>
        </p>
      )}
      {texts.explanation && <p className="muted">{texts.explanation}</p>}
      {texts.claimByText && <p className="field-hint">{texts.claimByText}</p>}
      {product.sources.length > 0 && (
        <details className="result-sources">
          <summary>{t('simulator.sources')}</summary>
          {/* The cited texts are French law and publications: named in French, marked so. */}
          <ul className="plain-list" lang="fr">
            {product.sources.map((source) => (
              <li key={`${source.label}|${source.url ?? ''}`}>
                {source.url ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.label}
                  </a>
                ) : (
                  source.label
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="field-hint">{t('simulator.next_step')}</p>
    </Card>
  );
}

/**
 * A simulation's result: the annual and the one-off totals side by side (never one sum), then per
 * product its amount and period (or that the expert establishes it), deadline, formula and sources.
 */
export function ResultsView({
  result,
  changes,
  signedInClient,
  onRestart,
}: {
  result: Evaluation;
  changes?: Changes;
  signedInClient: boolean;
  onRestart: () => void;
}) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const products = useQuery(simulatorQueries.products());
  const info = new Map((products.data?.products ?? []).map((product) => [product.code, product]));
  const eligible = result.products
    .filter((p) => p.eligible)
    .sort((a, b) => (b.amountEuros ?? -1) - (a.amountEuros ?? -1));
  const ineligible = result.products.filter((p) => !p.eligible);

  return (
    <div className="container page stack">
      <section className="card results-hero" aria-labelledby="results-title">
        <h1 id="results-title">{t('simulator.resultsTitle')}</h1>
        <p className="muted">{t('simulator.eligibleLead', { count: result.eligibleCount })}</p>
        <div className="results-totals">
          <div>
            <p className="muted">{t('simulator.annualTotal')}</p>
            <p className="results-total" data-testid="results-annual">
              {formatEuros(result.annualEuros, i18n.language)}{' '}
              <span className="result-period">{t('simulator.perYear')}</span>
            </p>
          </div>
          <div>
            <p className="muted">{t('simulator.oneOffTotal')}</p>
            <p className="results-total" data-testid="results-one-off">
              {formatEuros(result.oneOffEuros, i18n.language)}
            </p>
          </div>
        </div>
        <p className="field-hint">{t('simulator.totalsApart')}</p>
        <p>{t('simulator.resultsExplain')}</p>
        <p className="field-hint">
          {t('simulator.evaluatedOn', { date: formatDate(result.evaluatedOn, i18n.language) })}
        </p>
        {signedInClient ? (
          <div className="stack">
            {changes && (
              <Alert tone="success">
                {t('simulator.changes', {
                  created: changes.created,
                  updated: changes.updated,
                  flagged: changes.flagged,
                })}
              </Alert>
            )}
            <div className="row">
              <ButtonLink to="/espace">{t('simulator.seeDossiers')}</ButtonLink>
              <Button variant="secondary" onClick={onRestart}>
                {t('simulator.restart')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="row">
            <ButtonLink to="/inscription" size="lg">
              {t('simulator.createAccount')}
            </ButtonLink>
            <ButtonLink to="/connexion" variant="secondary" size="lg">
              {t('simulator.haveAccount')}
            </ButtonLink>
          </div>
        )}
      </section>

      <h2>{t('simulator.eligibleTitle', { count: eligible.length })}</h2>
      <div className="cards">
        {eligible.map((product) => (
          <ResultCard key={product.code} product={product} info={info.get(product.code)} />
        ))}
      </div>

      {ineligible.length > 0 && (
        <details className="card">
          <summary>{t('simulator.ineligibleTitle', { count: ineligible.length })}</summary>
          <ul className="stack ineligible-list">
            {ineligible.map((product) => (
              <li key={product.code}>
                <strong>{labels.product(product.code, info.get(product.code)?.name ?? product.code)}</strong>
                <br />
                <span className="muted">{labels.result(product).reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
