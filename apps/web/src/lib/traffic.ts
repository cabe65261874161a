import { useSyncExternalStore } from 'react';

/** Why the API is asking us to wait: too many requests (429), or unavailable for a while (503). */
export type Refusal = { reason: 'rate-limited' | 'unavailable'; until: number };

let current: Refusal | null = null;
const listeners = new Set<() => void>();

/**
 * The latest "wait" the API asked for, shared by every request of the tab so one calm banner
 * counts down however many requests were refused. A later deadline replaces an earlier one.
 */
export const refusals = {
  get: () => current,
  report(reason: Refusal['reason'], seconds: number, now = Date.now()) {
    const until = now + seconds * 1000;
    if (current && current.until >= until) return;
    current = { reason, until };
    for (const listener of listeners) listener();
  },
  clear() {
    if (!current) return;
    current = null;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useRefusal(): Refusal | null {
  return useSyncExternalStore(refusals.subscribe, refusals.get);
}

/**
 * Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date. Absent or
 * unreadable, a short default so the banner still says something true.
 */
export function retryAfterSeconds(header: string | null, now = Date.now(), fallback = 5): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  return fallback;
}
