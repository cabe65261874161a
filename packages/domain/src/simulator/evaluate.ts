import { formatEurosFr, formatPercentFr, formatWithUnit } from './format';
import { failedCondition, ruleHolds } from './rules';
import type {
  Answers,
  Catalogue,
  Factor,
  Formula,
  Product,
  ProductResult,
  Question,
  SimulationResult,
} from './types';

/** Recorded with every simulation so a figure can be traced back to the code that produced it. */
export const ENGINE_VERSION = '1.0.0';

type Computed = { amount: number; terms: string[] };

function factorValue(factor: Factor, product: Product, answers: Answers): number {
  const raw = factor.source === 'question' ? answers[factor.key] : product.params[factor.key];
  return typeof raw === 'number' ? raw : Number.NaN;
}

function describeFactor(factor: Factor, value: number, questions: Map<string, Question>): string {
  if (factor.percent) return formatPercentFr(value);
  const unit = factor.unit ?? (factor.source === 'question' ? questions.get(factor.key)?.unit : undefined);
  return formatWithUnit(value, unit);
}

function compute(
  formula: Exclude<Formula, { kind: 'qualitative' }>,
  product: Product,
  answers: Answers,
  questions: Map<string, Question>,
): Computed {
  const factors: Factor[] =
    formula.kind === 'multiply'
      ? formula.factors
      : [
          { source: 'question', key: formula.question },
          { source: 'param', key: formula.rateParam, percent: true },
        ];
  const values = factors.map((factor) => factorValue(factor, product, answers));
  const amount = values.reduce((total, value) => total * value, 1);
  return {
    amount: Math.round(amount),
    terms: factors.map((factor, index) => describeFactor(factor, values[index] ?? Number.NaN, questions)),
  };
}

function evaluateProduct(
  product: Product,
  answers: Answers,
  questions: Map<string, Question>,
): ProductResult {
  if (!product.rule || !product.formula) {
    return {
      code: product.code,
      eligible: false,
      amountEuros: null,
      explanation: '',
      reason: 'Ce dispositif n’est pas encore évaluable.',
    };
  }
  const failure = failedCondition(product.rule, answers, questions);
  if (failure !== undefined || !ruleHolds(product.rule, answers)) {
    return {
      code: product.code,
      eligible: false,
      amountEuros: null,
      explanation: '',
      reason: `Condition non remplie : ${failure}.`,
    };
  }
  if (product.formula.kind === 'qualitative') {
    return { code: product.code, eligible: true, amountEuros: null, explanation: product.formula.benefit };
  }
  const { amount, terms } = compute(product.formula, product, answers, questions);
  const explanation = `${terms.join(' × ')} = ${formatEurosFr(amount)}`;
  // A product whose computed saving is nothing is not worth a dossier.
  if (!Number.isFinite(amount) || amount <= 0) {
    return {
      code: product.code,
      eligible: false,
      amountEuros: 0,
      explanation,
      reason: 'Le montant estimé est nul.',
    };
  }
  return { code: product.code, eligible: true, amountEuros: amount, explanation };
}

/** Pure evaluation of every active product of the catalogue against complete answers. */
export function evaluate(catalogue: Catalogue, answers: Answers): SimulationResult {
  const questions = new Map(catalogue.questions.map((question) => [question.code, question]));
  const products = catalogue.products
    .filter((product) => product.active)
    .map((product) => evaluateProduct(product, answers, questions));
  const eligible = products.filter((product) => product.eligible);
  return {
    products,
    totalEuros: eligible.reduce((total, product) => total + (product.amountEuros ?? 0), 0),
    eligibleCount: eligible.length,
  };
}
