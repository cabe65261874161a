export { defaultCatalogue, defaultParameters, defaultProducts, defaultQuestions } from './catalogue';
export { type CatalogueProblem, catalogueProblems, periodProblems } from './check';
export { frenchDate, isIsoDay, LEGAL_ZONE, parisDay } from './dates';
export { type ClaimDeadline, claimDeadline } from './deadlines';
export { ENGINE_VERSION, evaluate } from './evaluate';
export {
  EXAMPLE_EVALUATION_DAY,
  WORKED_EXAMPLE_A,
  WORKED_EXAMPLE_B,
  WORKED_EXAMPLE_C_ERRORS,
} from './examples';
export {
  computeExpression,
  type ExpressionContext,
  type ExpressionOutcome,
  referencesOf,
} from './expressions';
export { formatEurosFr, formatNumberFr, formatPercentFr, THOUSANDS_SEPARATOR } from './format';
export { describeParameterSource, type ParameterValue, parameterAt, periodsOverlap } from './parameters';
export { answerOf, failedCondition, questionsOfRule, ruleHolds } from './rules';
export * from './types';
export {
  type AnswerError,
  dropHiddenAnswers,
  missingAnswers,
  type ValidationContext,
  type ValidationOutcome,
  validateAnswers,
  visibleQuestions,
} from './validate';
