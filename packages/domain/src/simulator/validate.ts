import { hasWholeCents } from '../money';
import { formatNumberFr } from './format';
import { answerOf, ruleHolds } from './rules';
import type { Answers, AnswerValue, Question } from './types';

export type AnswerError = { question: string; message: string };
export type ValidationOutcome = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

/** Questions in order whose condition holds for these answers. */
export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  return questions.filter((question) => !question.showWhen || ruleHolds(question.showWhen, answers));
}

/**
 * Keeps only the answers to questions that are shown, until nothing changes: dropping one answer
 * can hide a question that depended on it. Answers to unknown codes go too.
 */
export function dropHiddenAnswers(questions: Question[], answers: Answers): Answers {
  let current = answers;
  for (;;) {
    const shown = visibleQuestions(questions, current).filter(
      (question) => answerOf(current, question.code) !== undefined,
    );
    const kept: Answers = {};
    for (const question of shown) {
      const value = answerOf(current, question.code);
      if (value !== undefined) kept[question.code] = value;
    }
    if (Object.keys(kept).length === Object.keys(current).length) return kept;
    current = kept;
  }
}

const optionList = (question: Question) => question.options?.map((option) => option.code).join(', ') ?? '';
const isOption = (question: Question, value: unknown) =>
  question.options?.some((option) => option.code === value) ?? false;

/** Type, options, integer-ness and bounds of one answer; a French sentence when it is wrong. */
function typeError(question: Question, value: unknown): string | undefined {
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Répondez par oui (true) ou non (false).';
    case 'single_choice':
      return typeof value === 'string' && isOption(question, value)
        ? undefined
        : `Choisissez une des options proposées (${optionList(question)}).`;
    case 'multiple_choice': {
      if (!Array.isArray(value) || value.length === 0) return 'Choisissez au moins une option.';
      const unknown = value.filter((item) => !isOption(question, item));
      if (unknown.length > 0) return `Option inconnue : ${unknown.map(String).join(', ')}.`;
      return new Set(value).size === value.length
        ? undefined
        : 'Chaque option ne peut être choisie qu’une fois.';
    }
    case 'integer':
    case 'amount': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Indiquez un nombre.';
      if (question.type === 'integer' && !Number.isInteger(value)) return 'Indiquez un nombre entier.';
      if (question.type === 'amount' && !hasWholeCents(value)) return 'Indiquez un montant au centime près.';
      if (question.min !== undefined && value < question.min)
        return `La valeur doit être au moins ${formatNumberFr(question.min)}.`;
      if (question.max !== undefined && value > question.max)
        return `La valeur doit être au plus ${formatNumberFr(question.max)}.`;
      return undefined;
    }
  }
}

/** DRIVERS ≤ EMPLOYEES and the like, checked once both answers are known. */
function crossQuestionErrors(questions: Question[], answers: Answers): AnswerError[] {
  const byCode = new Map(questions.map((question) => [question.code, question]));
  const errors: AnswerError[] = [];
  for (const question of questions) {
    if (!question.maxFromQuestion) continue;
    const value = answerOf(answers, question.code);
    const limit = answerOf(answers, question.maxFromQuestion);
    if (typeof value === 'number' && typeof limit === 'number' && value > limit) {
      const other = byCode.get(question.maxFromQuestion)?.label.toLowerCase() ?? question.maxFromQuestion;
      errors.push({
        question: question.code,
        message: `La valeur ne peut pas dépasser le ${other} (${formatNumberFr(limit)}).`,
      });
    }
  }
  return errors;
}

/**
 * Merges `patch` into the saved answers. Refuses unknown questions, wrong types, options and
 * bounds, answers to questions the merged answers hide, and cross-question limits — each error
 * naming its question. Answers to questions that become hidden are dropped from the result.
 */
export function validateAnswers(
  questions: Question[],
  current: Answers,
  patch: Record<string, unknown>,
): ValidationOutcome {
  const byCode = new Map(questions.map((question) => [question.code, question]));
  const errors: AnswerError[] = [];
  const accepted: Answers = {};
  for (const [code, value] of Object.entries(patch)) {
    const question = byCode.get(code);
    const problem = question ? typeError(question, value) : 'Cette question n’existe pas.';
    if (problem) errors.push({ question: code, message: problem });
    // typeError returned nothing, so the value has the question's answer type.
    else accepted[code] = value as AnswerValue;
  }
  if (errors.length > 0) return { ok: false, errors };

  const answers = dropHiddenAnswers(questions, { ...current, ...accepted });
  for (const code of Object.keys(accepted)) {
    if (answerOf(answers, code) === undefined)
      errors.push({
        question: code,
        message: 'Cette question ne s’applique pas compte tenu de vos autres réponses.',
      });
  }
  errors.push(...crossQuestionErrors(questions, answers));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** Visible questions still unanswered, in order: evaluation needs every one of them. */
export function missingAnswers(questions: Question[], answers: Answers): string[] {
  return visibleQuestions(questions, answers)
    .filter((question) => answerOf(answers, question.code) === undefined)
    .map((question) => question.code);
}
