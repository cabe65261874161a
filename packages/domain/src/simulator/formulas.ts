import { roundToEuros } from '../money';
import { formatEurosFr, formatPercentFr, formatWithUnit } from './format';
import { answerOf } from './rules';
import type { Answers, Factor, Formula, Product, Question } from './types';

/** The formulas that produce an amount (a qualitative product has none). */
export type AmountFormula = Exclude<Formula, { kind: 'qualitative' }>;

export type FormulaOutcome =
  | { ok: true; amountEuros: number; explanation: string }
  /** A factor had no number: a question left unanswered or a parameter missing from the product. */
  | { ok: false; missing: Factor };

/** A percentage is a multiplication whose second factor is shown as a rate. */
export function factorsOf(formula: AmountFormula): Factor[] {
  if (formula.kind === 'multiply') return formula.factors;
  return [
    { source: 'question', key: formula.question },
    { source: 'param', key: formula.rateParam, percent: true },
  ];
}

function factorValue(factor: Factor, product: Product, answers: Answers): number | undefined {
  const raw =
    factor.source === 'question'
      ? answerOf(answers, factor.key)
      : Object.hasOwn(product.params, factor.key)
        ? product.params[factor.key]
        : undefined;
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}

function describeFactor(factor: Factor, value: number, questions: Map<string, Question>): string {
  if (factor.percent) return formatPercentFr(value);
  const unit = factor.unit ?? (factor.source === 'question' ? questions.get(factor.key)?.unit : undefined);
  return formatWithUnit(value, unit);
}

/**
 * The product of the factors rounded to the euro, and the formula in words with the actual
 * numbers: `5 000 L × 12 mois × 0,20 €/L = 12 000 €`.
 */
export function computeFormula(
  formula: AmountFormula,
  product: Product,
  answers: Answers,
  questions: Map<string, Question>,
): FormulaOutcome {
  const terms: string[] = [];
  let amount = 1;
  for (const factor of factorsOf(formula)) {
    const value = factorValue(factor, product, answers);
    if (value === undefined) return { ok: false, missing: factor };
    amount *= value;
    terms.push(describeFactor(factor, value, questions));
  }
  const amountEuros = roundToEuros(amount);
  return { ok: true, amountEuros, explanation: `${terms.join(' × ')} = ${formatEurosFr(amountEuros)}` };
}
