import { EventEmitter } from 'node:events';
import type { RealtimeEvent, RealtimeListener } from './hub';

/** What travels between instances: the recipients and the event. */
type Envelope = { u: string[]; e: RealtimeEvent };

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep a margin for the envelope. */
export const MAX_PAYLOAD_BYTES = 7900;
const USERS_PER_ENVELOPE = 50;

/**
 * An event too large for one NOTIFY keeps only its short scalar fields (ids, types) and says it was
 * truncated; the browser then fetches the full state over HTTP.
 */
function shrink(event: RealtimeEvent): RealtimeEvent {
  const small: Record<string, unknown> = { truncated: true };
  for (const [key, value] of Object.entries(event.payload)) {
    const short =
      typeof value === 'string' ? value.length <= 100 : ['number', 'boolean'].includes(typeof value);
    if (short || value === null) small[key] = value;
  }
  return { type: event.type, payload: small };
}

/** Serialised envelopes, each under the NOTIFY limit, recipients split in chunks. */
export function encodeEnvelopes(userIds: readonly string[], event: RealtimeEvent): string[] {
  const unique = [...new Set(userIds)];
  const out: string[] = [];
  for (let i = 0; i < unique.length; i += USERS_PER_ENVELOPE) {
    const u = unique.slice(i, i + USERS_PER_ENVELOPE);
    let text = JSON.stringify({ u, e: event } satisfies Envelope);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) text = JSON.stringify({ u, e: shrink(event) });
    out.push(text);
  }
  return out;
}

/** The listeners of this instance, by user id; fed by whatever transport carries the envelopes. */
export function createLocalDispatch() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    subscribe(userId: string, listener: RealtimeListener) {
      emitter.on(userId, listener);
      return () => {
        emitter.off(userId, listener);
      };
    },
    /** Delivers one received envelope; malformed text is ignored (it did not come from us). */
    deliver(text: string) {
      let envelope: Envelope;
      try {
        envelope = JSON.parse(text) as Envelope;
      } catch {
        return;
      }
      if (!Array.isArray(envelope.u) || typeof envelope.e?.type !== 'string') return;
      for (const userId of envelope.u) emitter.emit(userId, envelope.e);
    },
    /**
     * Tells every local listener that events may have been missed (the transport reconnected), so
     * browsers refetch what they show.
     */
    resync() {
      for (const userId of emitter.eventNames()) {
        emitter.emit(userId, { type: 'realtime.resync', payload: {} } satisfies RealtimeEvent);
      }
    },
    clear() {
      emitter.removeAllListeners();
    },
  };
}
