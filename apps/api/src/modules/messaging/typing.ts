import { realtimeClientFrameSchema } from '@ft/contracts';
import type { Actor } from '../../platform/auth/actor';
import type { MessagingService } from './service';

/** One "is typing" relayed per user and conversation in this window; the rest are dropped. */
export const TYPING_INTERVAL_MS = 2000;
const MAX_TRACKED = 10_000;

/**
 * Handles the frames browsers send on the real-time socket. Typing indicators are rate-limited per
 * user and conversation (a browser sends one per keystroke burst; relaying each would flood the
 * other side and the NOTIFY channel) and relayed to the other readers only.
 */
export function createFrameHandler(messaging: MessagingService, now = () => Date.now()) {
  const lastRelayed = new Map<string, number>();
  return async (actor: Actor, raw: unknown) => {
    const parsed = realtimeClientFrameSchema.safeParse(raw);
    if (!parsed.success || parsed.data.type !== 'typing') return;
    const key = `${actor.userId}:${parsed.data.conversationId}`;
    const at = now();
    const previous = lastRelayed.get(key);
    if (previous !== undefined && at - previous < TYPING_INTERVAL_MS) return;
    if (lastRelayed.size >= MAX_TRACKED) {
      for (const [staleKey, time] of lastRelayed)
        if (at - time >= TYPING_INTERVAL_MS) lastRelayed.delete(staleKey);
    }
    lastRelayed.set(key, at);
    await messaging.typing(actor, parsed.data.conversationId);
  };
}
