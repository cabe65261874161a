import { formatNumberFr } from './format';
import type { Answers, AnswerValue, Question, RuleLeaf, RuleNode } from './types';

const isLeaf = (node: RuleNode): node is RuleLeaf => 'question' in node;

/**
 * The answer to a question, or undefined. Own properties only: answers come from JSON, and a code
 * such as `constructor` must not find `Object.prototype.constructor` and count as answered.
 */
export function answerOf(answers: Answers, code: string): AnswerValue | undefined {
  return Object.hasOwn(answers, code) ? answers[code] : undefined;
}

function leafHolds(leaf: RuleLeaf, answers: Answers): boolean {
  const answer = answerOf(answers, leaf.question);
  // An unanswered question (hidden or missing) never satisfies a condition, not even not_equals.
  if (answer === undefined) return false;
  switch (leaf.op) {
    case 'equals':
      return answer === leaf.value;
    case 'not_equals':
      return answer !== leaf.value;
    case 'includes_any': {
      const wanted: unknown[] = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      // On a single choice it reads "is one of", so an admin can write SECTOR ∈ {transport, …}.
      return Array.isArray(answer) ? answer.some((item) => wanted.includes(item)) : wanted.includes(answer);
    }
    case 'gt':
      return typeof answer === 'number' && typeof leaf.value === 'number' && answer > leaf.value;
    case 'gte':
      return typeof answer === 'number' && typeof leaf.value === 'number' && answer >= leaf.value;
    case 'lt':
      return typeof answer === 'number' && typeof leaf.value === 'number' && answer < leaf.value;
    case 'lte':
      return typeof answer === 'number' && typeof leaf.value === 'number' && answer <= leaf.value;
  }
}

/** Whether the rule holds for these answers; `all` of nothing holds, `any` of nothing does not. */
export function ruleHolds(node: RuleNode, answers: Answers): boolean {
  if (isLeaf(node)) return leafHolds(node, answers);
  if ('all' in node) return node.all.every((child) => ruleHolds(child, answers));
  return node.any.some((child) => ruleHolds(child, answers));
}

const OPERATOR_TEXT: Record<RuleLeaf['op'], string> = {
  equals: '=',
  not_equals: '≠',
  includes_any: 'inclut',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

function describeValue(value: AnswerValue | undefined, question: Question | undefined): string {
  if (value === undefined) return 'non renseigné';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return formatNumberFr(value);
  const labelOf = (code: string) => question?.options?.find((option) => option.code === code)?.label ?? code;
  return Array.isArray(value) ? value.map(labelOf).join(' ou ') : labelOf(value);
}

function describeLeaf(leaf: RuleLeaf, answers: Answers, questions: Map<string, Question>): string {
  const question = questions.get(leaf.question);
  const name = question?.label ?? leaf.question;
  const expected = describeValue(leaf.value, question);
  const actual = describeValue(answerOf(answers, leaf.question), question);
  return `${name} ${OPERATOR_TEXT[leaf.op]} ${expected} (votre réponse : ${actual})`;
}

/** In French, the condition that makes the rule fail, for the "why not" of an ineligible product. */
export function failedCondition(
  node: RuleNode,
  answers: Answers,
  questions: Map<string, Question>,
): string | undefined {
  if (ruleHolds(node, answers)) return undefined;
  if (isLeaf(node)) return describeLeaf(node, answers, questions);
  if ('all' in node) {
    for (const child of node.all) {
      const failure = failedCondition(child, answers, questions);
      if (failure) return failure;
    }
    return undefined;
  }
  return `aucune de ces conditions : ${node.any.map((child) => failedCondition(child, answers, questions)).join(' ; ')}`;
}

/** Every question code a rule refers to, to refuse a rule naming an unknown question. */
export function questionsOfRule(node: RuleNode): string[] {
  if (isLeaf(node)) return [node.question];
  return ('all' in node ? node.all : node.any).flatMap(questionsOfRule);
}
