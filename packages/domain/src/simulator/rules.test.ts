import { describe, expect, it } from 'vitest';
import { defaultQuestions } from './catalogue';
import { failedCondition, questionsOfRule, ruleHolds } from './rules';
import type { Answers, RuleNode, RuleOperator } from './types';

const answers: Answers = { N: 5, S: 'a', M: ['x', 'y'], B: true };
// The value is `unknown` so a test can also feed a rule of the wrong type.
const leaf = (question: string, op: RuleOperator, value: unknown): RuleNode =>
  ({ question, op, value }) as RuleNode;
const operators: RuleOperator[] = ['equals', 'not_equals', 'includes_any', 'gt', 'gte', 'lt', 'lte'];

describe('rule operators', () => {
  it.each([
    [leaf('S', 'equals', 'a'), true],
    [leaf('S', 'equals', 'b'), false],
    [leaf('B', 'equals', true), true],
    [leaf('B', 'equals', false), false],
    [leaf('N', 'equals', 5), true],
    [leaf('S', 'not_equals', 'b'), true],
    [leaf('S', 'not_equals', 'a'), false],
    [leaf('M', 'includes_any', ['z', 'y']), true],
    [leaf('M', 'includes_any', ['z']), false],
    [leaf('M', 'includes_any', 'x'), true],
    [leaf('S', 'includes_any', ['a', 'b']), true],
    [leaf('S', 'includes_any', ['b', 'c']), false],
    [leaf('N', 'gt', 4), true],
    [leaf('N', 'gt', 5), false],
    [leaf('N', 'gte', 5), true],
    [leaf('N', 'gte', 6), false],
    [leaf('N', 'lt', 6), true],
    [leaf('N', 'lt', 5), false],
    [leaf('N', 'lte', 5), true],
    [leaf('N', 'lte', 4), false],
  ])('%j → %s', (rule, expected) => {
    expect(ruleHolds(rule, answers)).toBe(expected);
  });

  it('never orders a non-number', () => {
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      expect(ruleHolds(leaf('S', op, 0), answers), op).toBe(false);
      expect(ruleHolds(leaf('N', op, '3'), answers), op).toBe(false);
    }
  });
});

describe('missing answers', () => {
  it('make every operator false, even not_equals', () => {
    for (const op of operators) expect(ruleHolds(leaf('MISSING', op, 1), answers), op).toBe(false);
  });

  it('are not found on the object prototype', () => {
    for (const code of ['constructor', 'toString', '__proto__']) {
      expect(ruleHolds(leaf(code, 'not_equals', 'x'), {}), code).toBe(false);
    }
  });

  it('fail an all, and an any only when no other branch holds', () => {
    expect(ruleHolds({ all: [leaf('B', 'equals', true), leaf('MISSING', 'gte', 0)] }, answers)).toBe(false);
    expect(ruleHolds({ any: [leaf('MISSING', 'gte', 0), leaf('S', 'equals', 'a')] }, answers)).toBe(true);
    expect(ruleHolds({ any: [leaf('MISSING', 'gte', 0)] }, answers)).toBe(false);
  });
});

describe('all and any', () => {
  it.each([
    [{ all: [leaf('B', 'equals', true), leaf('N', 'gt', 1)] }, true],
    [{ all: [leaf('B', 'equals', true), leaf('N', 'gt', 9)] }, false],
    [{ any: [leaf('N', 'gt', 9), leaf('S', 'equals', 'a')] }, true],
    [{ any: [leaf('N', 'gt', 9), leaf('S', 'equals', 'b')] }, false],
    [{ all: [{ any: [leaf('N', 'gt', 9), leaf('B', 'equals', true)] }, leaf('S', 'equals', 'a')] }, true],
  ])('%j → %s', (rule, expected) => {
    expect(ruleHolds(rule as RuleNode, answers)).toBe(expected);
  });

  it('lists the questions a rule refers to', () => {
    expect(
      questionsOfRule({ all: [leaf('A', 'gt', 1), { any: [leaf('B', 'equals', 1), leaf('C', 'lt', 2)] }] }),
    ).toEqual(['A', 'B', 'C']);
  });
});

describe('failed condition', () => {
  const questions = new Map(defaultQuestions.map((question) => [question.code, question]));

  it('is undefined when the rule holds', () => {
    expect(failedCondition(leaf('EMPLOYEES', 'gte', 1), { EMPLOYEES: 3 }, questions)).toBeUndefined();
  });

  it('names the first failing condition of an all, with labels and the answer given', () => {
    const rule: RuleNode = {
      all: [leaf('SECTOR', 'equals', 'transport'), leaf('LONG_DISTANCE_DRIVERS', 'gte', 1)],
    };
    expect(failedCondition(rule, { SECTOR: 'transport', LONG_DISTANCE_DRIVERS: 0 }, questions)).toBe(
      'Nombre de chauffeurs grands routiers ≥ 1 (votre réponse : 0)',
    );
    expect(failedCondition(rule, { SECTOR: 'transport' }, questions)).toBe(
      'Nombre de chauffeurs grands routiers ≥ 1 (votre réponse : non renseigné)',
    );
  });

  it('lists every branch of a failed any', () => {
    const rule: RuleNode = { any: [leaf('OWNS_PREMISES', 'equals', true), leaf('EMPLOYEES', 'gt', 10)] };
    expect(failedCondition(rule, { OWNS_PREMISES: false, EMPLOYEES: 2 }, questions)).toBe(
      'aucune de ces conditions : Propriétaire des locaux = oui (votre réponse : non) ; Nombre de salariés > 10 (votre réponse : 2)',
    );
  });
});
