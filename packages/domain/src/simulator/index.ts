export { defaultCatalogue, defaultProducts, defaultQuestions } from './catalogue';
export { ENGINE_VERSION, evaluate } from './evaluate';
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
