export { defaultCatalogue, defaultProducts, defaultQuestions } from './catalogue';
export { type CatalogueProblem, catalogueProblems } from './check';
export { ENGINE_VERSION, evaluate } from './evaluate';
export { WORKED_EXAMPLE_A, WORKED_EXAMPLE_B } from './examples';
export { formatEurosFr, formatNumberFr, formatPercentFr, THOUSANDS_SEPARATOR } from './format';
export { type AmountFormula, computeFormula, type FormulaOutcome } from './formulas';
export { answerOf, failedCondition, questionsOfRule, ruleHolds } from './rules';
export * from './types';
export {
  type AnswerError,
  dropHiddenAnswers,
  missingAnswers,
  type ValidationOutcome,
  validateAnswers,
  visibleQuestions,
} from './validate';
