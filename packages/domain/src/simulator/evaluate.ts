import { roundToEuros } from '../money';
import { claimDeadline } from './deadlines';
import { computeExpression, type ExpressionContext } from './expressions';
import { formatEurosFr } from './format';
import { failedCondition, ruleHolds } from './rules';
import type {
  Answers,
  Catalogue,
  Deadline,
  Product,
  ProductResult,
  ResultBasis,
  SimulationResult,
  Source,
} from './types';
import { dropHiddenAnswers } from './validate';

/**
 * Recorded with every simulation so a figure can be traced back to the code that produced it.
 * Change it whenever the same catalogue and answers could give a different result or text.
 * 2.x: dated parameters, formulas as expressions, periods and claim deadlines.
 */
export const ENGINE_VERSION = '2.0.0';

/** Same citation once, in the order first met. */
function distinctSources(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = `${source.label}|${source.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const ineligible = (code: string, basis: ResultBasis, reason: string, explanation = ''): ProductResult => ({
  basis,
  code,
  eligible: false,
  amountEuros: null,
  period: null,
  explanation,
  sources: [],
  claimBy: null,
  claimByText: null,
  reason,
});

function notEligible(product: Product, ctx: ExpressionContext): ProductResult {
  const rule = product.ineligibleWhen?.findIndex((entry) => ruleHolds(entry.when, ctx.answers)) ?? -1;
  const specific = product.ineligibleWhen?.[rule];
  if (specific) return ineligible(product.code, { kind: 'ineligible', rule }, specific.reason);
  const failure = product.rule ? failedCondition(product.rule, ctx.answers, ctx.questions) : undefined;
  const reason = failure ? `Condition non remplie : ${failure}.` : 'Condition non remplie.';
  return ineligible(product.code, { kind: 'condition' }, reason);
}

/** The claim deadline, its `{year}`/`{date}` kept in the basis rather than in the result. */
function deadlineOf(deadline: Deadline | undefined, day: string) {
  const { deadlineParams, ...claim } = claimDeadline(deadline, day);
  return { claim, params: deadlineParams };
}

function evaluateProduct(product: Product, ctx: ExpressionContext): ProductResult {
  if (!product.rule || !product.amount)
    return ineligible(product.code, { kind: 'notEvaluable' }, 'Ce dispositif n’est pas encore évaluable.');
  if (!ruleHolds(product.rule, ctx.answers)) return notEligible(product, ctx);

  const index = product.amount.cases.findIndex((entry) => !entry.when || ruleHolds(entry.when, ctx.answers));
  const chosen = product.amount.cases[index];
  if (!chosen) {
    const { explanation, deadline, sources = [] } = product.amount.otherwise;
    const { claim, params } = deadlineOf(deadline, ctx.day);
    return {
      basis: { kind: 'otherwise', ...(params ? { deadline: params } : {}) },
      code: product.code,
      eligible: true,
      amountEuros: null,
      period: null,
      explanation,
      sources: distinctSources([...sources, ...product.sources]),
      ...claim,
    };
  }
  const outcome = computeExpression(chosen.formula, ctx);
  // A catalogue edited into an incomplete formula (a parameter with no value yet at this date)
  // must not show a made-up figure; the catalogue check names what is missing.
  if (!outcome.ok)
    return ineligible(
      product.code,
      { kind: 'unavailable', case: index },
      'L’estimation de ce dispositif est momentanément indisponible.',
    );
  // Rounded once, here: per-term rounding would drift by a euro on every line.
  const amountEuros = roundToEuros(outcome.value);
  const perYear = chosen.period === 'annual' ? ' par an' : '';
  const explanation = [`${outcome.text} = ${formatEurosFr(amountEuros)}${perYear}.`, chosen.note]
    .filter(Boolean)
    .join(' ');
  if (amountEuros <= 0)
    return ineligible(product.code, { kind: 'zero', case: index }, chosen.zeroReason, explanation);
  const parameterSources = outcome.used.map((used) => used.period.source);
  const { claim, params } = deadlineOf(chosen.deadline, ctx.day);
  return {
    basis: { kind: 'amount', case: index, ...(params ? { deadline: params } : {}) },
    code: product.code,
    eligible: true,
    amountEuros,
    period: chosen.period,
    explanation,
    sources: distinctSources([...parameterSources, ...(chosen.sources ?? []), ...product.sources]),
    ...claim,
  };
}

/**
 * Evaluates every active product of the catalogue (inactive ones are left out of the result) on
 * `day`, the evaluation's calendar day in Europe/Paris (see `parisDay`): each parameter takes its
 * value in force that day. Expects answers already validated and complete (`missingAnswers`
 * empty); answers to hidden questions are ignored anyway, so a hidden question can never make a
 * product eligible. Annual and one-off amounts are totalled apart: they are never one figure.
 */
export function evaluate(catalogue: Catalogue, answers: Answers, day: string): SimulationResult {
  const ctx: ExpressionContext = {
    answers: dropHiddenAnswers(catalogue.questions, answers),
    questions: new Map(catalogue.questions.map((question) => [question.code, question])),
    parameters: new Map(catalogue.parameters.map((parameter) => [parameter.code, parameter])),
    day,
  };
  const products = catalogue.products
    .filter((product) => product.active)
    .map((product) => evaluateProduct(product, ctx));
  const eligible = products.filter((product) => product.eligible);
  const total = (period: 'annual' | 'oneOff') =>
    eligible
      .filter((product) => product.period === period)
      .reduce((sum, product) => sum + (product.amountEuros ?? 0), 0);
  return {
    evaluatedOn: day,
    products,
    annualEuros: total('annual'),
    oneOffEuros: total('oneOff'),
    eligibleCount: eligible.length,
  };
}
