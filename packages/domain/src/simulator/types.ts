/**
 * The engine's data is plain JSON (no classes, dates or functions) because the database stores the
 * catalogue, the answers and every result as jsonb, and the default catalogue seeds it as is.
 */

/** yes/no → boolean; amount and integer → number (euros for amounts); choices → option codes. */
export type AnswerValue = boolean | number | string | string[];
/** Answers by question code; an unanswered question is absent. */
export type Answers = Record<string, AnswerValue>;

export const ruleOperators = ['equals', 'not_equals', 'includes_any', 'gt', 'gte', 'lt', 'lte'] as const;
export type RuleOperator = (typeof ruleOperators)[number];
/**
 * `includes_any` takes a list: on a multiple choice it holds when one chosen option is in it, on a
 * single choice when the answer is. A leaf on an unanswered question is always false.
 */
export type RuleLeaf = { question: string; op: RuleOperator; value: AnswerValue };
export type RuleNode = { all: RuleNode[] } | { any: RuleNode[] } | RuleLeaf;

export type QuestionType = 'single_choice' | 'multiple_choice' | 'amount' | 'integer' | 'boolean';

/** The order of the questionnaire is the order of the array (`sort_order` in the database). */
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

/**
 * One factor of a formula: the answer to question `key`, or the product parameter `key` (so every
 * constant is an admin-editable parameter). `unit` is printed after the value in the explanation
 * (a question's own unit by default; `€/…` prints two decimals); `percent` prints a fraction as a
 * rate (0.2 → `20 %`).
 */
export type Factor = { source: 'question' | 'param'; key: string; unit?: string; percent?: boolean };

/**
 * `multiply`: product of the factors. `percentage`: `question` × the rate parameter `rateParam`
 * (a fraction). `qualitative`: no amount; `benefit` is what the client is told instead.
 */
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
