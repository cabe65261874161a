import type { Evaluation, LegacyEvaluation } from '@ft/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert, ButtonLink, Card, ErrorState, LoadingState } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { formatEuros } from '../../lib/format';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/session';
import { ResultsView } from './ResultsView';
import { simulationApi, simulationStore } from './useSimulator';

const isLegacy = (result: Evaluation | LegacyEvaluation): result is LegacyEvaluation =>
  'totalEuros' in result;

/**
 * The results of one simulation at their own address (`/simulateur/resultats/:id`), read back from
 * the API: a reload or the back button shows them again. A result of engine 1.x is shown as what
 * it was, with its version, and an invitation to run the simulation again.
 */
export function ResultsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('simulator.resultsTitle'));
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const errorMessage = useErrorMessage();
  const me = useMe();
  const simulation = useQuery({
    queryKey: ['simulation', id],
    queryFn: () => simulationApi.get(id),
    retry: false,
  });
  const changes = (location.state as { changes?: Evaluation['dossierChanges'] } | null)?.changes;
  const restart = () => {
    simulationStore.clear();
    void navigate('/simulateur');
  };

  if (simulation.isPending) return <LoadingState />;
  if (simulation.isError)
    return (
      <div className="container page">
        <ErrorState message={t('simulator.notFound')} onRetry={() => void simulation.refetch()} />
        <p className="muted">{errorMessage(simulation.error)}</p>
        <ButtonLink to="/simulateur">{t('simulator.restart')}</ButtonLink>
      </div>
    );
  const { result, engineVersion } = simulation.data;
  if (!result)
    return (
      <div className="container page">
        <Card>
          <p>{t('simulator.notEvaluated')}</p>
          <ButtonLink to="/simulateur">{t('simulator.backToQuestions')}</ButtonLink>
        </Card>
      </div>
    );
  if (isLegacy(result))
    return (
      <div className="container page stack">
        <Alert tone="warning">{t('simulator.legacy', { version: engineVersion ?? '1' })}</Alert>
        <Card>
          <p>{t('simulator.legacyTotal', { amount: formatEuros(result.totalEuros, i18n.language) })}</p>
          <ButtonLink to="/simulateur">{t('simulator.restart')}</ButtonLink>
        </Card>
      </div>
    );
  return (
    <ResultsView
      result={result}
      {...(changes ? { changes } : {})}
      signedInClient={me.data?.user.role === 'client'}
      onRestart={restart}
    />
  );
}
