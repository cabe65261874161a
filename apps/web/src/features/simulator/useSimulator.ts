import type { QuestionView } from '@ft/contracts';
import { type Answers, type Question, ruleHolds } from '@ft/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

const STORAGE_KEY = 'ft.simulation';

/** Query keys of the simulator and the public catalogue. */
export const simulatorKeys = {
  questions: ['simulator', 'questions'] as const,
  products: ['products'] as const,
};

export const simulatorQueries = {
  questions: () =>
    queryOptions({
      queryKey: simulatorKeys.questions,
      queryFn: ({ signal }) => apiRequest('GET /api/simulator/questions', { signal }),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  /** The public catalogue (names and descriptions), rarely changed. */
  products: () =>
    queryOptions({
      queryKey: simulatorKeys.products,
      queryFn: ({ signal }) => apiRequest('GET /api/products', { signal }),
      staleTime: 300_000,
    }),
};

export function useQuestions() {
  return useQuery(simulatorQueries.questions());
}

/** Same rule as the server: a question shows when its condition holds for the answers so far. */
export function visible(questions: QuestionView[], answers: Answers): QuestionView[] {
  return questions.filter(
    (question) =>
      !question.showWhen || ruleHolds(question.showWhen as Question['showWhen'] & object, answers),
  );
}

/** The simulation in progress is remembered for this tab, so a reload resumes it. */
export const simulationStore = {
  get: () => sessionStorage.getItem(STORAGE_KEY),
  set: (id: string) => sessionStorage.setItem(STORAGE_KEY, id),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

export const simulationApi = {
  create: (answers: Answers) => apiRequest('POST /api/simulations', { body: { answers } }),
  get: (id: string) => apiRequest('GET /api/simulations/:id', { params: { id } }),
  save: (id: string, answers: Answers) =>
    apiRequest('PUT /api/simulations/:id/answers', { params: { id }, body: { answers } }),
  evaluate: (id: string) => apiRequest('POST /api/simulations/:id/evaluate', { params: { id } }),
  latest: () => apiRequest('GET /api/simulations/latest'),
};
