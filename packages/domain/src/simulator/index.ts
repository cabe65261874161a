export { defaultCatalogue, defaultProducts, defaultQuestions } from './catalogue';
export { ENGINE_VERSION, evaluate } from './evaluate';
export { WORKED_EXAMPLE_A, WORKED_EXAMPLE_B } from './examples';
export { formatEurosFr, formatNumberFr } from './format';
export { failedCondition, questionsOfRule, ruleHolds } from './rules';
export * from './types';
export {
  type AnswerError,
  missingAnswers,
  type ValidationOutcome,
  validateAnswers,
  visibleQuestions,
} from './validate';
