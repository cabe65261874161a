import { computeFormula } from './formulas';
import { failedCondition } from './rules';
import type { Answers, Catalogue, Product, ProductResult, Question, SimulationResult } from './types';
import { dropHiddenAnswers } from './validate';

/**
 * Recorded with every simulation so a figure can be traced back to the code that produced it.
 * Change it whenever the same catalogue and answers could give a different result or text.
 */
export const ENGINE_VERSION = '1.1.0';

const ineligible = (code: string, reason: string, amountEuros: number | null = null, explanation = '') => ({
  code,
  eligible: false,
  amountEuros,
  explanation,
  reason,
});

function evaluateProduct(
  product: Product,
  answers: Answers,
  questions: Map<string, Question>,
): ProductResult {
  if (!product.rule || !product.formula) {
    return ineligible(product.code, 'Ce dispositif n’est pas encore évaluable.');
  }
  const failure = failedCondition(product.rule, answers, questions);
  if (failure !== undefined) return ineligible(product.code, `Condition non remplie : ${failure}.`);
  if (product.formula.kind === 'qualitative') {
    return { code: product.code, eligible: true, amountEuros: null, explanation: product.formula.benefit };
  }
  const outcome = computeFormula(product.formula, product, answers, questions);
  // A catalogue edited into an incomplete formula must not show a made-up figure; the admin
  // catalogue check (catalogueProblems) names the missing parameter.
  if (!outcome.ok)
    return ineligible(product.code, 'L’estimation de ce dispositif est momentanément indisponible.');
  // A product whose computed saving is nothing is not worth a dossier.
  if (outcome.amountEuros <= 0) {
    return ineligible(product.code, 'Le montant estimé est nul.', 0, outcome.explanation);
  }
  return {
    code: product.code,
    eligible: true,
    amountEuros: outcome.amountEuros,
    explanation: outcome.explanation,
  };
}

/**
 * Evaluates every active product of the catalogue (inactive ones are left out of the result).
 * Expects answers already validated and complete (`missingAnswers` empty); answers to hidden
 * questions are ignored anyway, so a hidden question can never make a product eligible.
 */
export function evaluate(catalogue: Catalogue, answers: Answers): SimulationResult {
  const questions = new Map(catalogue.questions.map((question) => [question.code, question]));
  const shown = dropHiddenAnswers(catalogue.questions, answers);
  const products = catalogue.products
    .filter((product) => product.active)
    .map((product) => evaluateProduct(product, shown, questions));
  const eligible = products.filter((product) => product.eligible);
  return {
    products,
    totalEuros: eligible.reduce((total, product) => total + (product.amountEuros ?? 0), 0),
    eligibleCount: eligible.length,
  };
}
