import { factorsOf } from './formulas';
import { questionsOfRule } from './rules';
import type { Catalogue, Product, Question } from './types';

/** One inconsistency of a catalogue, in French for the admin who edits it. */
export type CatalogueProblem = { where: string; message: string };

const NUMERIC_TYPES = new Set<Question['type']>(['amount', 'integer']);

function questionProblems(questions: Question[]): CatalogueProblem[] {
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
    earlier.set(question.code, question);
  }
  return problems;
}

function productProblems(product: Product, questions: Map<string, Question>): CatalogueProblem[] {
  const where = product.code;
  const problems: CatalogueProblem[] = [];
  if (product.active && (!product.rule || !product.formula)) {
    problems.push({ where, message: 'Un dispositif actif a besoin d’une règle et d’une formule.' });
  }
  for (const code of product.rule ? questionsOfRule(product.rule) : []) {
    if (!questions.has(code)) problems.push({ where, message: `Règle sur une question inconnue : ${code}.` });
  }
  if (!product.formula || product.formula.kind === 'qualitative') return problems;
  for (const factor of factorsOf(product.formula)) {
    if (factor.source === 'question') {
      const question = questions.get(factor.key);
      if (!question || !NUMERIC_TYPES.has(question.type))
        problems.push({ where, message: `La formule utilise une question non numérique : ${factor.key}.` });
    } else if (!Number.isFinite(product.params[factor.key])) {
      problems.push({ where, message: `Paramètre manquant : ${factor.key}.` });
    }
  }
  return problems;
}

/** Everything that would make the engine misbehave on this catalogue; empty when it is sound. */
export function catalogueProblems(catalogue: Catalogue): CatalogueProblem[] {
  const questions = new Map(catalogue.questions.map((question) => [question.code, question]));
  const seen = new Set<string>();
  const problems = questionProblems(catalogue.questions);
  for (const product of catalogue.products) {
    if (seen.has(product.code))
      problems.push({ where: product.code, message: 'Code de dispositif en double.' });
    seen.add(product.code);
    problems.push(...productProblems(product, questions));
  }
  return problems;
}
