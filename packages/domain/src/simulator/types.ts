export type AnswerValue = boolean | number | string | string[];
export type Answers = Record<string, AnswerValue>;

export const ruleOperators = ['equals', 'not_equals', 'includes_any', 'gt', 'gte', 'lt', 'lte'] as const;
export type RuleOperator = (typeof ruleOperators)[number];
export type RuleLeaf = { question: string; op: RuleOperator; value: AnswerValue };
export type RuleNode = { all: RuleNode[] } | { any: RuleNode[] } | RuleLeaf;

export type QuestionType = 'single_choice' | 'multiple_choice' | 'amount' | 'integer' | 'boolean';

export type Question = {
  code: string;
  text: string;
  /** A short name used in explanations and error messages ("Nombre de salariés"). */
  label: string;
  type: QuestionType;
  options?: { code: string; label: string }[];
  min?: number;
  max?: number;
  /** The answer may not exceed the answer to that question (DRIVERS ≤ EMPLOYEES). */
  maxFromQuestion?: string;
  showWhen?: RuleNode;
  /** Unit shown after the value in explanations ("L", "salariés"); amounts use "€". */
  unit?: string;
};

/** One factor of a formula: a question's answer or a product parameter, with how to show it. */
export type Factor = { source: 'question' | 'param'; key: string; unit?: string; percent?: boolean };

export type Formula =
  | { kind: 'multiply'; factors: Factor[] }
  | { kind: 'percentage'; question: string; rateParam: string }
  | { kind: 'qualitative'; benefit: string };

export type ChecklistItem = { code: string; label: string; required: boolean };

export type Product = {
  code: string;
  name: string;
  category: string;
  description: string;
  active: boolean;
  track: 'full' | 'short';
  rule: RuleNode | null;
  formula: Formula | null;
  /** Every constant of the formula, editable by admins. */
  params: Record<string, number>;
  checklist: ChecklistItem[];
};

export type Catalogue = { questions: Question[]; products: Product[] };

export type ProductResult = {
  code: string;
  eligible: boolean;
  amountEuros: number | null;
  explanation: string;
  reason?: string;
};

export type SimulationResult = { products: ProductResult[]; totalEuros: number; eligibleCount: number };
