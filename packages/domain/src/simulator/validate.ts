import { formatNumberFr } from './format';
import { ruleHolds } from './rules';
import type { Answers, Question } from './types';

export type AnswerError = { question: string; message: string };
export type ValidationOutcome = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

/** Questions in order whose condition holds for these answers. */
export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  return questions.filter((question) => !question.showWhen || ruleHolds(question.showWhen, answers));
}

/** Drops answers to questions that are hidden, until nothing changes (hiding can cascade). */
function withoutHiddenAnswers(questions: Question[], answers: Answers): Answers {
  let current = answers;
  for (;;) {
    const visible = new Set(visibleQuestions(questions, current).map((question) => question.code));
    const kept = Object.fromEntries(Object.entries(current).filter(([code]) => visible.has(code)));
    if (Object.keys(kept).length === Object.keys(current).length) return kept;
    current = kept;
  }
}

/** Type, options, integer-ness and bounds of one answer; a French sentence when it is wrong. */
function typeError(question: Question, value: unknown): string | undefined {
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Répondez par oui (true) ou non (false).';
    case 'single_choice':
      return typeof value === 'string' && question.options?.some((option) => option.code === value)
        ? undefined
        : `Choisissez une des options proposées (${question.options?.map((o) => o.code).join(', ')}).`;
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.length === 0) return 'Choisissez au moins une option.';
      const unknown = value.filter((item) => !question.options?.some((option) => option.code === item));
      if (unknown.length > 0) return `Option inconnue : ${unknown.join(', ')}.`;
      return new Set(value).size === value.length
        ? undefined
        : 'Chaque option ne peut être choisie qu’une fois.';
    }
    case 'integer':
    case 'amount': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Indiquez un nombre.';
      if (question.type === 'integer' && !Number.isInteger(value)) return 'Indiquez un nombre entier.';
      if (question.type === 'amount' && Math.round(value * 100) !== value * 100)
        return 'Indiquez un montant au centime près.';
      if (question.min !== undefined && value < question.min)
        return `La valeur doit être au moins ${formatNumberFr(question.min)}.`;
      if (question.max !== undefined && value > question.max)
        return `La valeur doit être au plus ${formatNumberFr(question.max)}.`;
      return undefined;
    }
  }
}

/**
 * Merges `patch` into the saved answers. Refuses unknown questions, questions the answers make
 * hidden, wrong types and out-of-bound values, each error naming its question; answers to questions
 * that become hidden are dropped.
 */
export function validateAnswers(
  questions: Question[],
  current: Answers,
  patch: Record<string, unknown>,
): ValidationOutcome {
  const byCode = new Map(questions.map((question) => [question.code, question]));
  const errors: AnswerError[] = [];
  for (const [code, value] of Object.entries(patch)) {
    const question = byCode.get(code);
    if (!question) {
      errors.push({ question: code, message: 'Cette question n’existe pas.' });
      continue;
    }
    const problem = typeError(question, value);
    if (problem) errors.push({ question: code, message: problem });
  }
  if (errors.length > 0) return { ok: false, errors };

  const merged = { ...current, ...(patch as Answers) };
  const visible = new Set(visibleQuestions(questions, merged).map((question) => question.code));
  for (const code of Object.keys(patch)) {
    if (!visible.has(code))
      errors.push({
        question: code,
        message: 'Cette question ne s’applique pas compte tenu de vos autres réponses.',
      });
  }
  const answers = withoutHiddenAnswers(questions, merged);
  for (const question of questions) {
    const value = answers[question.code];
    const limit = question.maxFromQuestion ? answers[question.maxFromQuestion] : undefined;
    if (typeof value === 'number' && typeof limit === 'number' && value > limit) {
      const other = question.maxFromQuestion ? byCode.get(question.maxFromQuestion)?.label.toLowerCase() : '';
      errors.push({
        question: question.code,
        message: `La valeur ne peut pas dépasser le ${other} (${formatNumberFr(limit)}).`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** Visible questions still unanswered: evaluation needs every one of them. */
export function missingAnswers(questions: Question[], answers: Answers): string[] {
  return visibleQuestions(questions, answers)
    .filter((question) => answers[question.code] === undefined)
    .map((question) => question.code);
}
