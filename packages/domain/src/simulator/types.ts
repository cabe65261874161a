/**
 * The engine's data is plain JSON (no classes, dates or functions) because the database stores the
 * catalogue, the answers and every result as jsonb, and the default catalogue seeds it as is.
 * Dates are ISO calendar days (`2026-12-01`) read in Europe/Paris.
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

export type QuestionType = 'single_choice' | 'multiple_choice' | 'amount' | 'number' | 'integer' | 'boolean';

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
  /**
   * The answer may not exceed the answer to that question (LONG_DISTANCE_DRIVERS ≤ EMPLOYEES), or,
   * with `maxPerUnitParam`, that answer × the parameter (litres ≤ vehicles × 60 000 L).
   */
  maxFromQuestion?: string;
  maxPerUnitParam?: string;
  /** Where to find the figure ("relevés de cartes carburant"), shown under the question. */
  hint?: string;
  showWhen?: RuleNode;
  /** Unit shown after the value in explanations and bounds ("L", "salariés"); amounts use "€". */
  unit?: string;
};

/** A citation shown to the user; `short` is what an explanation prints in brackets. */
export type Source = { label: string; short?: string; url?: string };

/** One value of a parameter and the text that makes it law (or says it is an assumption). */
export type ParameterPeriod = {
  validFrom: string;
  /** Inclusive; null while no end is known. */
  validTo: string | null;
  value: number;
  source: Source;
};

/**
 * A dated constant of the formulas. `label` names it in explanations ("tarif", "taux DFS");
 * `dated: false` for values that do not change by year (a sanity bound, a legal flat fee), whose
 * year is then not printed.
 */
export type Parameter = {
  code: string;
  label: string;
  unit: string;
  description: string;
  dated: boolean;
  periods: ParameterPeriod[];
};

export const expressionOperators = ['add', 'sub', 'mul', 'div', 'min', 'max'] as const;
export type ExpressionOperator = (typeof expressionOperators)[number];

/**
 * A formula as data, evaluated and explained from the same tree.
 * - `num`: a constant of the formula itself; `hidden` for a unit conversion (L → hl, % → fraction)
 *   that the explanation leaves out because the units already say it; `note` names it.
 * - `answer`: a numeric answer; `orZero` makes an unasked part count 0 and drop out of the text.
 * - `param`: a parameter's value at the evaluation date, printed with its year and source.
 * - `op`: `as` prints the sub-result as one figure with that unit (a refund rate in €/hl) and the
 *   parameters it came from.
 * - `choose`: the branch for the option chosen in a single-choice question.
 */
export type Expression =
  | { num: number; unit?: string; note?: string; hidden?: boolean }
  | { answer: string; orZero?: boolean }
  | { param: string }
  | { op: ExpressionOperator; args: Expression[]; as?: { unit: string } }
  | { choose: string; cases: Record<string, Expression> };

/**
 * When a claim must be filed.
 * - `consumptionYears`: the consumption of year Y may be claimed until 31/12 of Y + `years`, for
 *   Y ≥ `firstYear` (the rule's start); the earliest year still open is said.
 * - `endOfYear`: 31/12 of the evaluation year + `yearsAfter`.
 * - `prescription`: no date to meet, but what is older than `years` years is lost; said as a date.
 * - `note`: a sentence only.
 * Texts take `{year}` and `{date}` (dd/mm/yyyy).
 */
export type Deadline =
  | { kind: 'consumptionYears'; years: number; firstYear: number; text: string }
  | { kind: 'endOfYear'; yearsAfter: number; text: string }
  | { kind: 'prescription'; years: number; text: string }
  | { kind: 'note'; text: string };

export type AmountPeriod = 'annual' | 'oneOff';

/** One way to compute the amount, used when `when` holds (or always without `when`). */
export type AmountCase = {
  when?: RuleNode;
  formula: Expression;
  period: AmountPeriod;
  /** Why the product is not eligible when the formula gives 0 € ("votre prix est déjà…"). */
  zeroReason: string;
  /** Printed after the computation (what the figure covers, how the claim is filed). */
  note?: string;
  deadline?: Deadline;
  sources?: Source[];
};

/**
 * How much a product brings: the first case whose condition holds, else `otherwise` — eligible
 * without an amount, with what the expert will check instead. No case at all for products the
 * platform has no credible formula for.
 */
export type ProductAmount = {
  cases: AmountCase[];
  otherwise: { explanation: string; deadline?: Deadline; sources?: Source[] };
};

export type ChecklistItem = { code: string; label: string; required: boolean };

export type Product = {
  code: string;
  name: string;
  category: string;
  description: string;
  active: boolean;
  track: 'full' | 'short';
  rule: RuleNode | null;
  amount: ProductAmount | null;
  /** Reasons that say more than the failed condition (farm diesel is taxed low at the pump). */
  ineligibleWhen?: { when: RuleNode; reason: string }[];
  /** The product's own legal sources, listed with the parameters' ones. */
  sources: Source[];
  checklist: ChecklistItem[];
};

export type Catalogue = { questions: Question[]; products: Product[]; parameters: Parameter[] };

/**
 * What a result's sentences were made from, by code and index into the product's catalogue entry,
 * so a client can say them in another language (the sentences themselves are French):
 * - `amount` / `zero`: the amount case `case` applied (zero: it gave 0 €);
 * - `otherwise`: eligible, the expert establishes the amount;
 * - `ineligible`: the product's `ineligibleWhen[rule]` holds; `condition`: its rule failed;
 * - `unavailable`: a formula could not be computed; `notEvaluable`: no rule or formula yet.
 * `deadline` carries the `{year}` and `{date}` of the claim deadline's sentence.
 */
export type ResultBasis = {
  kind: 'amount' | 'zero' | 'otherwise' | 'ineligible' | 'condition' | 'unavailable' | 'notEvaluable';
  case?: number;
  rule?: number;
  deadline?: { year?: number; date?: string };
};

export type ProductResult = {
  basis?: ResultBasis;
  code: string;
  eligible: boolean;
  amountEuros: number | null;
  period: AmountPeriod | null;
  explanation: string;
  sources: Source[];
  claimBy: string | null;
  claimByText: string | null;
  reason?: string;
};

export type SimulationResult = {
  evaluatedOn: string;
  products: ProductResult[];
  annualEuros: number;
  oneOffEuros: number;
  eligibleCount: number;
};
