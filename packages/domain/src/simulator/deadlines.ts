import { frenchDate, yearOf, yearsBefore } from './dates';
import type { Deadline } from './types';

export type ClaimDeadline = {
  claimBy: string | null;
  claimByText: string | null;
  /** The values the sentence was filled with, for a client that says it in another language. */
  deadlineParams?: { year?: number; date?: string };
};

const fill = (text: string, values: { year?: number; date?: string }) =>
  text
    .replaceAll('{year}', values.year === undefined ? '' : String(values.year))
    .replaceAll('{date}', values.date === undefined ? '' : frenchDate(values.date));

/** The date a claim must be filed by, as seen on `day`, and the sentence that says it. */
export function claimDeadline(deadline: Deadline | undefined, day: string): ClaimDeadline {
  if (!deadline) return { claimBy: null, claimByText: null };
  const year = yearOf(day);
  switch (deadline.kind) {
    case 'consumptionYears': {
      // The earliest consumption year still open: older years are lost, and years before the
      // rule started follow the former one, which the platform does not compute.
      const earliest = Math.max(year - deadline.years, deadline.firstYear);
      const claimBy = `${earliest + deadline.years}-12-31`;
      const params = { year: earliest, date: claimBy };
      return { claimBy, claimByText: fill(deadline.text, params), deadlineParams: params };
    }
    case 'endOfYear': {
      const claimBy = `${year + deadline.yearsAfter}-12-31`;
      const params = { year, date: claimBy };
      return { claimBy, claimByText: fill(deadline.text, params), deadlineParams: params };
    }
    case 'prescription': {
      const params = { date: yearsBefore(day, deadline.years) };
      return { claimBy: null, claimByText: fill(deadline.text, params), deadlineParams: params };
    }
    case 'note':
      return { claimBy: null, claimByText: deadline.text };
  }
}
