import { hasWholeCents } from '../money';
import { formatNumberFr } from './format';
import { parameterAt } from './parameters';
import { answerOf, ruleHolds } from './rules';
import type { Answers, AnswerValue, Parameter, Question } from './types';

/** The sanity bounds that depend on a parameter (litres per vehicle) read it on this day. */
export type ValidationContext = { parameters: Parameter[]; day: string };

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
    case 'number':
    case 'amount': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Indiquez un nombre.';
      if (question.type === 'integer' && !Number.isInteger(value)) return 'Indiquez un nombre entier.';
      if (question.type === 'amount' && !hasWholeCents(value)) return 'Indiquez un montant au centime près.';
      const outside =
        (question.min !== undefined && value < question.min) ||
        (question.max !== undefined && value > question.max);
      return outside ? boundSentence(question) : undefined;
    }
  }
}

const withUnit = (value: number, unit: string | undefined) =>
  unit ? `${formatNumberFr(value)} ${unit}` : formatNumberFr(value);

/** The bound in words: « Indiquez une valeur entre 0 et 12 mois. » */
function boundSentence(question: Question): string {
  const { min, max, unit } = question;
  if (min !== undefined && max !== undefined)
    return `Indiquez une valeur entre ${formatNumberFr(min)} et ${withUnit(max, unit)}.`;
  if (min !== undefined) return `Indiquez une valeur d’au moins ${withUnit(min, unit)}.`;
  return `Indiquez une valeur d’au plus ${withUnit(max ?? 0, unit)}.`;
}

/**
 * Limits between answers, checked once both are known: LONG_DISTANCE_DRIVERS ≤ EMPLOYEES, and
 * the sanity bound litres ≤ vehicles × FUEL_MAX_LITRES_PER_VEHICLE, said in words.
 */
function crossQuestionErrors(
  questions: Question[],
  answers: Answers,
  context?: ValidationContext,
): AnswerError[] {
  const byCode = new Map(questions.map((question) => [question.code, question]));
  const errors: AnswerError[] = [];
  for (const question of questions) {
    if (!question.maxFromQuestion) continue;
    const value = answerOf(answers, question.code);
    const limit = answerOf(answers, question.maxFromQuestion);
    if (typeof value !== 'number' || typeof limit !== 'number') continue;
    const other = byCode.get(question.maxFromQuestion);
    if (question.maxPerUnitParam) {
      const parameter = context?.parameters.find((candidate) => candidate.code === question.maxPerUnitParam);
      const perUnit = parameter ? parameterAt(parameter, context?.day ?? '')?.period.value : undefined;
      if (perUnit === undefined || value <= limit * perUnit) continue;
      const unitName = other?.unit === 'véhicules' ? 'véhicule' : (other?.unit ?? 'unité');
      errors.push({
        question: question.code,
        message: `Plus de ${withUnit(perUnit, question.unit)} par ${unitName} et par an (${withUnit(value, question.unit)} pour ${withUnit(limit, other?.unit)}) : vérifiez le chiffre.`,
      });
    } else if (value > limit) {
      const name = other?.label.toLowerCase() ?? question.maxFromQuestion;
      errors.push({
        question: question.code,
        message: `La valeur ne peut pas dépasser le ${name} (${formatNumberFr(limit)}).`,
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
  context?: ValidationContext,
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
  errors.push(...crossQuestionErrors(questions, answers, context));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** Visible questions still unanswered, in order: evaluation needs every one of them. */
export function missingAnswers(questions: Question[], answers: Answers): string[] {
  return visibleQuestions(questions, answers)
    .filter((question) => answerOf(answers, question.code) === undefined)
    .map((question) => question.code);
}
