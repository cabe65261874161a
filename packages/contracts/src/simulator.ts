import { z } from 'zod';

const ruleLeafSchema = z.object({
  question: z.string(),
  op: z.enum(['equals', 'not_equals', 'includes_any', 'gt', 'gte', 'lt', 'lte']),
  value: z.union([z.boolean(), z.number(), z.string(), z.array(z.string())]),
});
export type RuleNodeInput =
  | z.infer<typeof ruleLeafSchema>
  | { all: RuleNodeInput[] }
  | { any: RuleNodeInput[] };
export const ruleNodeSchema: z.ZodType<RuleNodeInput> = z.lazy(() =>
  z.union([
    ruleLeafSchema,
    z.object({ all: z.array(ruleNodeSchema).min(1) }),
    z.object({ any: z.array(ruleNodeSchema).min(1) }),
  ]),
);

export const productSchema = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  description: z.string(),
  active: z.boolean(),
});
export const productListSchema = z.object({ products: z.array(productSchema) });
export type ProductSummary = z.infer<typeof productSchema>;
export type ProductList = z.infer<typeof productListSchema>;

const checklistItemSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,40}$/, 'Code en majuscules, chiffres et _ (2 à 40 caractères).'),
  label: z.string().trim().min(2).max(200),
  required: z.boolean(),
});

const sourceSchema = z.object({
  label: z.string().trim().min(2).max(300),
  short: z.string().trim().min(2).max(80).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
export type SourceView = z.infer<typeof sourceSchema>;

/** The full description of a product for admins: rule, calculation, checklist. */
export const adminProductSchema = productSchema.extend({
  track: z.enum(['full', 'short']),
  rule: ruleNodeSchema.nullable(),
  /** The calculation as the engine reads it (packages/domain `ProductAmount`); null: none at all. */
  amount: z.object({ cases: z.array(z.unknown()), otherwise: z.unknown() }).nullable(),
  checklist: z.array(checklistItemSchema),
  updatedAt: z.iso.datetime(),
});
export const adminProductListSchema = z.object({ products: z.array(adminProductSchema) });
export const updateProductSchema = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  category: z.string().trim().min(2).max(100).optional(),
  description: z.string().trim().min(2).max(2000).optional(),
  active: z.boolean().optional(),
  rule: ruleNodeSchema.optional(),
  checklist: z.array(checklistItemSchema).max(30).optional(),
});

const isoDay = z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' });
export const parameterPeriodSchema = z.object({
  id: z.number().int(),
  validFrom: isoDay,
  validTo: isoDay.nullable(),
  value: z.number(),
  source: sourceSchema,
});
export const parameterSchema = z.object({
  code: z.string(),
  label: z.string(),
  unit: z.string(),
  description: z.string(),
  dated: z.boolean(),
  periods: z.array(parameterPeriodSchema),
});
export type ParameterView = z.infer<typeof parameterSchema>;
export const parameterListSchema = z.object({ parameters: z.array(parameterSchema) });
/** A new value for a parameter (next year's rate), with the text that makes it law. */
export const addParameterPeriodSchema = z.object({
  validFrom: isoDay,
  validTo: isoDay.nullable().optional(),
  value: z.number().finite().min(0, 'Un paramètre ne peut pas être négatif.').max(1_000_000_000),
  source: sourceSchema,
});
export type AddParameterPeriodBody = z.infer<typeof addParameterPeriodSchema>;

export const questionSchema = z.object({
  code: z.string(),
  text: z.string(),
  type: z.enum(['single_choice', 'multiple_choice', 'amount', 'number', 'integer', 'boolean']),
  options: z.array(z.object({ code: z.string(), label: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  showWhen: ruleNodeSchema.optional(),
  maxFromQuestion: z.string().optional(),
  maxPerUnitParam: z.string().optional(),
  hint: z.string().optional(),
  unit: z.string().optional(),
});
export type QuestionView = z.infer<typeof questionSchema>;
export const questionListSchema = z.object({ questions: z.array(questionSchema) });
export type QuestionList = z.infer<typeof questionListSchema>;

/**
 * The shape of an answer only; which value a question accepts (type, options, bounds, visibility)
 * is the domain's `validateAnswers`, whose errors name the question. The length caps only keep
 * absurd bodies out before that: no question code or option code comes near them.
 */
const answerCode = z.string().max(100);
export const answerValueSchema = z.union([z.boolean(), z.number(), answerCode, z.array(answerCode).max(50)]);
export const answersSchema = z.record(answerCode, answerValueSchema);
export type AnswersInput = z.infer<typeof answersSchema>;

export const createSimulationSchema = z.object({ answers: answersSchema.optional() });
export const simulationCreatedSchema = z.object({ id: z.uuid(), token: z.string() });
export const putAnswersSchema = z.object({ answers: answersSchema });
export type CreateSimulationBody = z.infer<typeof createSimulationSchema>;
export type SimulationCreated = z.infer<typeof simulationCreatedSchema>;
export type PutAnswersBody = z.infer<typeof putAnswersSchema>;

/** What the sentences of a result were made from (packages/domain `ResultBasis`); absent on old results. */
export const resultBasisSchema = z.object({
  kind: z.enum(['amount', 'zero', 'otherwise', 'ineligible', 'condition', 'unavailable', 'notEvaluable']),
  case: z.number().int().optional(),
  rule: z.number().int().optional(),
  deadline: z.object({ year: z.number().int().optional(), date: z.iso.date().optional() }).optional(),
});
export const productResultSchema = z.object({
  basis: resultBasisSchema.optional(),
  code: z.string(),
  eligible: z.boolean(),
  /** null: no credible formula, the expert establishes the amount. */
  amountEuros: z.number().nullable(),
  period: z.enum(['annual', 'oneOff']).nullable(),
  explanation: z.string(),
  sources: z.array(sourceSchema),
  claimBy: z.iso.date().nullable(),
  claimByText: z.string().nullable(),
  reason: z.string().optional(),
});
export type ProductResultView = z.infer<typeof productResultSchema>;
const dossierChangesSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), flagged: z.number().int() })
  .optional();
/** Engine 2.x: annual and one-off totals, never added into one figure. */
export const evaluationSchema = z.object({
  evaluatedOn: z.iso.date(),
  annualEuros: z.number(),
  oneOffEuros: z.number(),
  eligibleCount: z.number().int(),
  products: z.array(productResultSchema),
  /** For a signed-in client's own simulation: what the merge did to its dossiers. */
  dossierChanges: dossierChangesSchema,
});
export type Evaluation = z.infer<typeof evaluationSchema>;
/** What engine 1.x stored; kept as it was so an old figure can still be traced. */
export const legacyEvaluationSchema = z.object({
  totalEuros: z.number(),
  eligibleCount: z.number().int(),
  products: z.array(
    z.object({
      code: z.string(),
      eligible: z.boolean(),
      amountEuros: z.number().nullable(),
      explanation: z.string(),
      reason: z.string().optional(),
    }),
  ),
  dossierChanges: dossierChangesSchema,
});
export type LegacyEvaluation = z.infer<typeof legacyEvaluationSchema>;

export const simulationSchema = z.object({
  id: z.uuid(),
  answers: answersSchema,
  missing: z.array(z.string()),
  result: z.union([evaluationSchema, legacyEvaluationSchema]).nullable(),
  /** The engine that produced `result`: 1.x results are shown as they were, never recomputed. */
  engineVersion: z.string().nullable(),
  evaluatedAt: z.iso.datetime().nullable(),
  attached: z.boolean(),
});
export type Simulation = z.infer<typeof simulationSchema>;

/** A signed-in client's latest simulation, or none yet. */
export const latestSimulationSchema = z.object({ simulation: simulationSchema.nullable() });
