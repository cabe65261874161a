import type { Answers } from '@ft/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, ErrorState, LoadingState } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/session';
import { type AnswerValue, QuestionInput } from './QuestionInput';
import { resultsPath, simulationApi, simulationStore, useQuestions, visible } from './useSimulator';

export function SimulatorPage() {
  const { t } = useTranslation();
  usePageTitle(t('simulator.title'));
  const errorMessage = useErrorMessage();
  const questions = useQuestions();
  const me = useMe();
  const [answers, setAnswers] = useState<Answers>({});
  const [step, setStep] = useState(0);
  const [simulationId, setSimulationId] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);

  // Resume this tab's simulation, or start from a signed-in client's latest answers.
  useEffect(() => {
    if (ready || !questions.data || me.isPending) return;
    const stored = simulationStore.get();
    const resume = stored
      ? simulationApi.get(stored).then((s) => ({ id: s.id, answers: s.answers }))
      : Promise.reject(new Error('none'));
    resume
      .catch(() => {
        simulationStore.clear();
        if (me.data?.user.role !== 'client') return { id: null, answers: {} };
        return simulationApi.latest().then(
          (s) => ({ id: null, answers: s.simulation?.answers ?? {} }),
          () => ({ id: null, answers: {} }),
        );
      })
      .then(({ id, answers: restored }) => {
        setSimulationId(id);
        setAnswers(restored as Answers);
        // Back from the results (or a reload): land on the first question still unanswered.
        const shownNow = visible(questions.data.questions, restored as Answers);
        const firstOpen = shownNow.findIndex((q) => (restored as Answers)[q.code] === undefined);
        setStep(firstOpen === -1 ? Math.max(shownNow.length - 1, 0) : firstOpen);
        setReady(true);
      });
  }, [ready, questions.data, me.isPending, me.data]);

  if (questions.isPending || !ready) return <LoadingState />;
  if (questions.isError)
    return <ErrorState message={errorMessage(questions.error)} onRetry={() => void questions.refetch()} />;

  const shown = visible(questions.data.questions, answers);
  const index = Math.min(step, shown.length - 1);
  const question = shown[index];
  if (!question) return <ErrorState message={t('errors.unknown')} />;
  const value = answers[question.code];
  const isLast = index === shown.length - 1;

  const setValue = (next: AnswerValue | undefined) => {
    setError(undefined);
    setAnswers((current) => {
      const copy = { ...current };
      if (next === undefined) delete copy[question.code];
      else copy[question.code] = next;
      return copy;
    });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (value === undefined) return setError(t('simulator.required'));
    if (typeof value === 'number' && Number.isNaN(value)) return setError(t('simulator.notANumber'));
    setPending(true);
    setFormError(undefined);
    try {
      let id = simulationId;
      let saved: Answers;
      if (!id) {
        const created = await simulationApi.create(answers);
        id = created.id;
        simulationStore.set(id);
        setSimulationId(id);
        saved = (await simulationApi.get(id)).answers;
      } else {
        saved = (await simulationApi.save(id, { [question.code]: value })).answers;
      }
      setAnswers(saved);
      if (isLast || visible(questions.data.questions, saved).length <= index + 1) {
        const evaluated = await simulationApi.evaluate(id);
        // The results have their own address: a reload or the back button keeps them.
        void navigate(resultsPath(id), { state: { changes: evaluated.dossierChanges } });
        window.scrollTo(0, 0);
      } else {
        setStep(index + 1);
        heading.current?.focus();
      }
    } catch (caught) {
      const fieldMessage = caught instanceof ApiError ? caught.fieldErrors[0]?.message : undefined;
      if (fieldMessage) setError(fieldMessage);
      else setFormError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  // The questionnaire grows or shrinks with the answers (follow-up questions): the count left is
  // the questions shown for the answers so far, after this one.
  const remaining = shown.length - index - 1;
  const answered = shown.filter((q) => answers[q.code] !== undefined && q.code !== question.code).length;
  const percent = Math.round((answered / shown.length) * 100);
  return (
    <div className="container page">
      <Card className="simulator">
        <div className="row simulator-top">
          <h1 ref={heading} tabIndex={-1} className="simulator-title">
            {t('simulator.title')}
          </h1>
          <span className="muted" data-testid="questions-left">
            {remaining === 0 ? t('simulator.lastQuestion') : t('simulator.remaining', { count: remaining })}
          </span>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label={t('simulator.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className={`progress-bar progress-${Math.round(percent / 5) * 5}`} />
        </div>
        <form className="stack" onSubmit={onSubmit} noValidate>
          {formError && <Alert tone="danger">{formError}</Alert>}
          <QuestionInput
            key={question.code}
            question={question}
            value={value}
            error={error}
            onChange={setValue}
          />
          <div className="row simulator-actions">
            <Button variant="secondary" disabled={index === 0 || pending} onClick={() => setStep(index - 1)}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={pending}>
              {isLast ? t('simulator.seeResults') : t('simulator.next')}
            </Button>
          </div>
        </form>
      </Card>
      <p className="muted simulator-note">{t('simulator.note')}</p>
    </div>
  );
}
