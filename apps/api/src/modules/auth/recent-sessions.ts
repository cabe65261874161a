import { type Actor, attachSessionCheck } from '../../platform/auth/actor';
import { LAST_SEEN_PRECISION_MS } from './repository';

type Recent = { actor: Actor; grants: string[]; lastSeenAt: number };

/**
 * Sessions this instance resolved lately, by token hash, for the read routes that accept them
 * (`config: { reusesSession: true }`). An entry is never trusted on its own: the actor it gives
 * carries a check that the first scoped statement of the request passes to the database
 * (`app_session_unchanged`), so a logout, a suspension or a new second factor made on any instance
 * applies to the very next request. An entry serves while the session's last_seen_at is within its
 * precision: after that a lookup refreshes it, as before. That bound is also why the database's
 * check leaves out the idle timeout (IDLE_TIMEOUT_MS, 7 days): an entry never lives long enough
 * to cross it. Shorten the idle timeout below the precision and the check must test it.
 */
export function createRecentSessions(capacity = 10_000) {
  const entries = new Map<string, Recent>();
  return {
    /** The actor for this token, with its check attached, or undefined when a lookup is due. */
    reuse(tokenHash: string, now = Date.now()): Actor | undefined {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (now - entry.lastSeenAt >= LAST_SEEN_PRECISION_MS) {
        entries.delete(tokenHash);
        return undefined;
      }
      // A copy per request: the check's `confirmed` belongs to one request only.
      return attachSessionCheck(
        { ...entry.actor },
        {
          grants: entry.grants,
          confirmed: false,
          onChanged: () => entries.delete(tokenHash),
        },
      );
    },

    /** Keeps a fully signed-in, active session; any other state is looked up on every request. */
    remember(tokenHash: string, actor: Actor, grants: string[], lastSeenAt: Date) {
      entries.delete(tokenHash);
      if (actor.secondFactor !== 'none' || actor.status !== 'active') return;
      if (entries.size >= capacity) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(tokenHash, { actor: { ...actor }, grants, lastSeenAt: lastSeenAt.getTime() });
    },

    forget(tokenHash: string) {
      entries.delete(tokenHash);
    },
  };
}
