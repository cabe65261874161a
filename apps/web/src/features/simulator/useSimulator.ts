import type { Evaluation, QuestionView, Simulation } from '@ft/contracts';
import { type Answers, type Question, ruleHolds } from '@ft/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

const STORAGE_KEY = 'ft.simulation';

export function useQuestions() {
  return useQuery({
    queryKey: ['simulator', 'questions'],
    queryFn: () => api.get<{ questions: QuestionView[] }>('/api/simulator/questions'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Same rule as the server: a question shows when its condition holds for the answers so far. */
export function visible(questions: QuestionView[], answers: Answers): QuestionView[] {
  return questions.filter(
    (question) =>
      !question.showWhen || ruleHolds(question.showWhen as Question['showWhen'] & object, answers),
  );
}

/** Where a simulation's results live, so a reload or the back button shows them again. */
export const resultsPath = (id: string) => `/simulateur/resultats/${id}`;

/** The simulation in progress is remembered for this tab, so a reload resumes it. */
export const simulationStore = {
  get: () => sessionStorage.getItem(STORAGE_KEY),
  set: (id: string) => sessionStorage.setItem(STORAGE_KEY, id),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

export const simulationApi = {
  create: (answers: Answers) => api.post<{ id: string; token: string }>('/api/simulations', { answers }),
  get: (id: string) => api.get<Simulation>(`/api/simulations/${id}`),
  save: (id: string, answers: Answers) => api.put<Simulation>(`/api/simulations/${id}/answers`, { answers }),
  evaluate: (id: string) => api.post<Evaluation>(`/api/simulations/${id}/evaluate`),
  latest: () => api.get<{ simulation: Simulation | null }>('/api/simulations/latest'),
};
