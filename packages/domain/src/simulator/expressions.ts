import { formatWithUnit } from './format';
import { describeParameterSource, type ParameterValue, parameterAt } from './parameters';
import { answerOf } from './rules';
import type { Answers, Expression, ExpressionOperator, Parameter, Question } from './types';

export type ExpressionContext = {
  answers: Answers;
  questions: Map<string, Question>;
  parameters: Map<string, Parameter>;
  day: string;
};

/**
 * A computed sub-expression: its exact value (never rounded: the amount is rounded once, at the
 * end), its text with the real numbers, and `absent` for a part the company was not asked about
 * (so `+ 0 L × …` does not clutter the sentence).
 */
type Term = { value: number; text: string; absent: boolean; precedence: number };
/** Binding strength of a term's text: sums 1, products 2, a figure or a function call 3. */
const ATOM = 3;
const PRECEDENCE: Record<ExpressionOperator, number> = {
  add: 1,
  sub: 1,
  mul: 2,
  div: 2,
  min: ATOM,
  max: ATOM,
};

export type ExpressionOutcome =
  | { ok: true; value: number; text: string; used: ParameterValue[] }
  /** An answer or parameter value was not there; `missing` names it. */
  | { ok: false; missing: string };

class Missing extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

const SYMBOL: Record<ExpressionOperator, string> = {
  add: ' + ',
  sub: ' − ',
  mul: ' × ',
  div: ' ÷ ',
  min: ', ',
  max: ', ',
};

function apply(op: ExpressionOperator, values: number[]): number {
  const [first = 0, ...rest] = values;
  switch (op) {
    case 'add':
      return values.reduce((sum, value) => sum + value, 0);
    case 'sub':
      return rest.reduce((acc, value) => acc - value, first);
    case 'mul':
      return values.reduce((acc, value) => acc * value, 1);
    case 'div':
      // A zero divisor is a catalogue mistake: report it instead of printing Infinity.
      return rest.reduce((acc, value) => {
        if (value === 0) throw new Missing('division par zéro');
        return acc / value;
      }, first);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
  }
}

/**
 * Brackets where the text would read otherwise: `x × (a − b)`, `a − (b + c)`, `a ÷ (b × c)`; a
 * product inside a product or the left operand of a division needs none.
 */
const wrap = (term: Term, parentOp: ExpressionOperator, index: number) => {
  const parent = PRECEDENCE[parentOp];
  const rightOfNonAssociative = index > 0 && (parentOp === 'sub' || parentOp === 'div');
  const needs = term.precedence < parent || (term.precedence === parent && rightOfNonAssociative);
  return needs ? `(${term.text})` : term.text;
};

function compute(node: Expression, ctx: ExpressionContext, used: ParameterValue[]): Term {
  if ('num' in node) {
    const note = node.note ? ` (${node.note})` : '';
    return {
      value: node.num,
      text: node.hidden ? '' : `${formatWithUnit(node.num, node.unit)}${note}`,
      absent: false,
      precedence: ATOM,
    };
  }
  if ('answer' in node) {
    const value = answerOf(ctx.answers, node.answer);
    if (value === undefined && node.orZero) return { value: 0, text: '', absent: true, precedence: ATOM };
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Missing(node.answer);
    return {
      value,
      text: formatWithUnit(value, ctx.questions.get(node.answer)?.unit),
      absent: false,
      precedence: ATOM,
    };
  }
  if ('param' in node) {
    const parameter = ctx.parameters.get(node.param);
    const found = parameter ? parameterAt(parameter, ctx.day) : undefined;
    if (!found) throw new Missing(node.param);
    used.push(found);
    return {
      value: found.period.value,
      text: `${formatWithUnit(found.period.value, found.parameter.unit)} (${describeParameterSource(found)})`,
      absent: false,
      precedence: ATOM,
    };
  }
  if ('choose' in node) {
    const option = answerOf(ctx.answers, node.choose);
    const branch =
      typeof option === 'string' && Object.hasOwn(node.cases, option) ? node.cases[option] : undefined;
    if (!branch) throw new Missing(node.choose);
    return compute(branch, ctx, used);
  }
  return computeOperation(node, ctx, used);
}

function computeOperation(
  node: Extract<Expression, { op: ExpressionOperator }>,
  ctx: ExpressionContext,
  used: ParameterValue[],
): Term {
  const inner: ParameterValue[] = [];
  const terms = node.args.map((arg) => compute(arg, ctx, inner));
  used.push(...inner);
  const present = terms.filter((term) => !term.absent);
  // A sum keeps the parts that were asked; any other operation on an unasked part is unasked too
  // (`litres × rate ÷ 100` with no litres is not `100`).
  if (present.length === 0 || (node.op !== 'add' && present.length < terms.length))
    return { value: 0, text: '', absent: true, precedence: ATOM };
  const value = apply(
    node.op,
    present.map((term) => term.value),
  );
  if (node.as) {
    const sources = inner.map(describeParameterSource).join(' ; ');
    return {
      value,
      text: `${formatWithUnit(value, node.as.unit)}${sources ? ` (${sources})` : ''}`,
      absent: false,
      precedence: ATOM,
    };
  }
  const shown = present.filter((term) => term.text !== '');
  if (node.op === 'min' || node.op === 'max') {
    return {
      value,
      text: `${node.op}(${shown.map((term) => term.text).join(', ')})`,
      absent: false,
      precedence: ATOM,
    };
  }
  if (shown.length === 1 && shown[0]) return { ...shown[0], value };
  return {
    value,
    text: shown.map((term, index) => wrap(term, node.op, index)).join(SYMBOL[node.op]),
    absent: false,
    precedence: PRECEDENCE[node.op],
  };
}

/** The value of the formula and its text with the real numbers, the parameters' years and sources. */
export function computeExpression(node: Expression, ctx: ExpressionContext): ExpressionOutcome {
  const used: ParameterValue[] = [];
  try {
    const term = compute(node, ctx, used);
    if (!Number.isFinite(term.value)) return { ok: false, missing: 'valeur non finie' };
    return { ok: true, value: term.value, text: term.text, used };
  } catch (error) {
    if (error instanceof Missing) return { ok: false, missing: error.what };
    throw error;
  }
}

/** Every question and parameter code a formula reads, for the catalogue check. */
export function referencesOf(node: Expression): { answers: string[]; choices: string[]; params: string[] } {
  const out = { answers: [] as string[], choices: [] as string[], params: [] as string[] };
  const walk = (current: Expression): void => {
    if ('answer' in current) out.answers.push(current.answer);
    else if ('param' in current) out.params.push(current.param);
    else if ('choose' in current) {
      out.choices.push(current.choose);
      Object.values(current.cases).forEach(walk);
    } else if ('op' in current) current.args.forEach(walk);
  };
  walk(node);
  return out;
}
