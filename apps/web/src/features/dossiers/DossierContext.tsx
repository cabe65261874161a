import type { DossierDetail, SimulationAnswer } from '@ft/contracts';
import { FAILED_STATUSES } from '@ft/contracts/dossier-statuses';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/ui';
import { formatEuros } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { clientPhases, nextStepKey } from './clientProgress';

/** `123456789` → `123 456 789`, the way a SIREN is printed on a Kbis. */
export const formatSiren = (siren: string) => siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1\u00a0$2\u00a0$3');

/** Who the dossier is for and how to reach them: the expert's and the admin's first question. */
export function ClientCard({ client }: { client: NonNullable<DossierDetail['client']> }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dossier.context.clientTitle')}>
      <dl className="facts">
        <dt>{t('dossier.context.company')}</dt>
        <dd>
          <strong>{client.companyName}</strong>
        </dd>
        <dt>{t('dossier.context.siren')}</dt>
        <dd className="num-inline">{formatSiren(client.siren)}</dd>
        <dt>{t('dossier.context.contact')}</dt>
        <dd>{client.contactName}</dd>
        <dt>{t('dossier.context.email')}</dt>
        <dd>
          <a href={`mailto:${client.email}`}>{client.email}</a>
        </dd>
        <dt>{t('dossier.context.phone')}</dt>
        <dd>
          <a href={`tel:${client.phone.replace(/\s/g, '')}`}>{client.phone}</a>
        </dd>
      </dl>
    </Card>
  );
}

function AnswerValue({ answer }: { answer: SimulationAnswer }) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const { value } = answer;
  if (typeof value === 'boolean') return <>{t(value ? 'common.yes' : 'common.no')}</>;
  if (answer.optionCodes) {
    const codes = answer.optionCodes;
    const french = Array.isArray(value) ? value : [String(value)];
    const names = codes.map((code, index) => labels.option(answer.code, code, french[index] ?? code));
    return <>{names.length > 0 ? names.join(', ') : '—'}</>;
  }
  if (Array.isArray(value)) return <>{value.length > 0 ? value.join(', ') : '—'}</>;
  if (typeof value === 'number') {
    if (answer.type === 'amount') return <>{formatEuros(value, i18n.language)}</>;
    const number = value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
    return <>{answer.unit ? `${number} ${labels.unit(answer.code, answer.unit)}` : number}</>;
  }
  return <>{value}</>;
}

/** The answers the estimate rests on, as the client gave them to the simulator. */
export function SimulationAnswersCard({ answers }: { answers: SimulationAnswer[] }) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels();
  return (
    <Card title={t('dossier.context.answersTitle')}>
      {answers.length === 0 ? (
        <p className="muted">{t('dossier.context.noAnswers')}</p>
      ) : (
        <dl className="facts">
          {answers.map((answer) => (
            <div key={answer.code} className="facts-row">
              <dt>{labels.questionLabel(answer.code, answer.label)}</dt>
              <dd>
                <AnswerValue answer={answer} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

/** The client's own few steps, with the current one marked, and what it must do next. */
export function ClientProgress({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const { phases, current } = clientPhases(dossier.track, dossier.status);
  const closed = (FAILED_STATUSES as readonly string[]).includes(dossier.status);
  const next = nextStepKey(dossier.status, dossier.track);
  return (
    <Card>
      {!closed && (
        <ol className="steps-track steps-track-short" aria-label={t('dossier.stepsTitle')}>
          {phases.map((phase, index) => (
            <li
              key={phase}
              className={index < current ? 'done' : index === current ? 'current' : ''}
              aria-current={index === current ? 'step' : undefined}
            >
              {t(`dossier.phases.${phase}`)}
            </li>
          ))}
        </ol>
      )}
      <p className={next === 'wait' || next === 'none' ? 'next-step muted' : 'next-step next-step-todo'}>
        {t(`dashboard.next.${next}`)}
      </p>
      {dossier.closingReason && <p className="muted">{dossier.closingReason}</p>}
    </Card>
  );
}
