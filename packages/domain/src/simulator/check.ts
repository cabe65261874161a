import { isIsoDay } from './dates';
import { referencesOf } from './expressions';
import { periodsOverlap } from './parameters';
import { questionsOfRule } from './rules';
import type { Catalogue, Parameter, ParameterPeriod, Product, Question } from './types';

/** One inconsistency of a catalogue, in French for the admin who edits it. */
export type CatalogueProblem = { where: string; message: string };

const NUMERIC_TYPES = new Set<Question['type']>(['amount', 'integer', 'number']);

function questionProblems(questions: Question[], parameters: Set<string>): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const earlier = new Map<string, Question>();
  for (const question of questions) {
    const where = question.code;
    if (earlier.has(question.code)) problems.push({ where, message: 'Code de question en double.' });
    const isChoice = question.type === 'single_choice' || question.type === 'multiple_choice';
    if (isChoice && !question.options?.length) problems.push({ where, message: 'Aucune option proposée.' });
    // A condition may only look back: the questionnaire is asked in order and cannot loop.
    for (const code of question.showWhen ? questionsOfRule(question.showWhen) : []) {
      if (!earlier.has(code))
        problems.push({ where, message: `Condition sur une question non posée avant : ${code}.` });
    }
    const limit = question.maxFromQuestion ? earlier.get(question.maxFromQuestion) : undefined;
    if (question.maxFromQuestion && !(limit && NUMERIC_TYPES.has(limit.type))) {
      problems.push({
        where,
        message: `Plafond sur une question numérique non posée avant : ${question.maxFromQuestion}.`,
      });
    }
    if (question.maxPerUnitParam && !parameters.has(question.maxPerUnitParam))
      problems.push({ where, message: `Plafond sur un paramètre inconnu : ${question.maxPerUnitParam}.` });
    earlier.set(question.code, question);
  }
  return problems;
}

function productProblems(
  product: Product,
  questions: Map<string, Question>,
  parameters: Set<string>,
): CatalogueProblem[] {
  const where = product.code;
  const problems: CatalogueProblem[] = [];
  if (product.active && (!product.rule || !product.amount)) {
    problems.push({ where, message: 'Un dispositif actif a besoin d’une règle et d’un calcul.' });
  }
  const rules = [
    ...(product.rule ? [product.rule] : []),
    ...(product.ineligibleWhen ?? []).map((entry) => entry.when),
    ...(product.amount?.cases ?? []).flatMap((entry) => (entry.when ? [entry.when] : [])),
  ];
  for (const code of rules.flatMap(questionsOfRule)) {
    if (!questions.has(code)) problems.push({ where, message: `Règle sur une question inconnue : ${code}.` });
  }
  for (const entry of product.amount?.cases ?? []) {
    const refs = referencesOf(entry.formula);
    for (const code of refs.answers) {
      const question = questions.get(code);
      if (!question || !NUMERIC_TYPES.has(question.type))
        problems.push({ where, message: `La formule utilise une question non numérique : ${code}.` });
    }
    for (const code of refs.choices) {
      if (questions.get(code)?.type !== 'single_choice')
        problems.push({
          where,
          message: `La formule choisit selon une question à choix inconnue : ${code}.`,
        });
    }
    for (const code of refs.params) {
      if (!parameters.has(code)) problems.push({ where, message: `Paramètre inconnu : ${code}.` });
    }
  }
  return problems;
}

/** Real days, start before end, and no two periods of one parameter sharing a day. */
export function periodProblems(periods: ParameterPeriod[]): string[] {
  const problems: string[] = [];
  periods.forEach((period, index) => {
    if (!isIsoDay(period.validFrom) || (period.validTo !== null && !isIsoDay(period.validTo)))
      problems.push(`Période ${index + 1} : date invalide.`);
    else if (period.validTo !== null && period.validTo < period.validFrom)
      problems.push(`Période ${index + 1} : la fin précède le début.`);
    for (const other of periods.slice(index + 1)) {
      if (periodsOverlap(period, other))
        problems.push(`Les périodes du ${period.validFrom} et du ${other.validFrom} se chevauchent.`);
    }
  });
  return problems;
}

function parameterProblems(parameters: Parameter[]): CatalogueProblem[] {
  return parameters.flatMap((parameter) =>
    [...(parameter.periods.length === 0 ? ['Aucune valeur.'] : []), ...periodProblems(parameter.periods)].map(
      (message) => ({ where: parameter.code, message }),
    ),
  );
}

/** Everything that would make the engine misbehave on this catalogue; empty when it is sound. */
export function catalogueProblems(catalogue: Catalogue): CatalogueProblem[] {
  const questions = new Map(catalogue.questions.map((question) => [question.code, question]));
  const parameters = new Set(catalogue.parameters.map((parameter) => parameter.code));
  const seen = new Set<string>();
  const problems = [
    ...questionProblems(catalogue.questions, parameters),
    ...parameterProblems(catalogue.parameters),
  ];
  for (const product of catalogue.products) {
    if (seen.has(product.code))
      problems.push({ where: product.code, message: 'Code de dispositif en double.' });
    seen.add(product.code);
    problems.push(...productProblems(product, questions, parameters));
  }
  return problems;
}
