import type { Evaluation } from '@ft/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, ButtonLink, Card } from '../../components/ui';
import { formatEuros } from '../../lib/format';
import { simulatorQueries } from './useSimulator';

export function ResultsView({
  result,
  signedInClient,
  onRestart,
}: {
  result: Evaluation;
  signedInClient: boolean;
  onRestart: () => void;
}) {
  const { t, i18n } = useTranslation();
  const products = useQuery(simulatorQueries.products());
  const info = new Map((products.data?.products ?? []).map((product) => [product.code, product]));
  const eligible = result.products
    .filter((p) => p.eligible)
    .sort((a, b) => (b.amountEuros ?? -1) - (a.amountEuros ?? -1));
  const ineligible = result.products.filter((p) => !p.eligible);
  const changes = result.dossierChanges;

  return (
    <div className="container page stack">
      <section className="card results-hero" aria-labelledby="results-title">
        <p className="muted">{t('simulator.resultsLead', { count: result.eligibleCount })}</p>
        <h1 id="results-title" className="results-total" data-testid="results-total">
          {formatEuros(result.totalEuros, i18n.language)}
        </h1>
        <p>{t('simulator.resultsExplain')}</p>
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
          <Card key={product.code} className="result-card">
            <Badge tone="info">{info.get(product.code)?.category ?? ''}</Badge>
            <h3>{info.get(product.code)?.name ?? product.code}</h3>
            <p className="result-amount">
              {product.amountEuros === null
                ? t('simulator.qualitative')
                : formatEuros(product.amountEuros, i18n.language)}
            </p>
            <p className="muted">{product.explanation}</p>
            <p className="field-hint">{t('simulator.next_step')}</p>
          </Card>
        ))}
      </div>

      {ineligible.length > 0 && (
        <details className="card">
          <summary>{t('simulator.ineligibleTitle', { count: ineligible.length })}</summary>
          <ul className="stack ineligible-list">
            {ineligible.map((product) => (
              <li key={product.code}>
                <strong>{info.get(product.code)?.name ?? product.code}</strong>
                <br />
                <span className="muted">{product.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
