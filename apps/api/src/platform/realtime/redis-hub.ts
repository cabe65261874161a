import { Redis } from 'ioredis';
import { afterCommit } from '../db/commit-hooks';
import { createLocalDispatch, encodeEnvelopes } from './envelope';
import type { RealtimeHub } from './hub';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/**
 * Fan-out through Redis pub/sub (REDIS_URL): no NOTIFY traffic on the database and it works behind
 * a transaction-mode connection pooler. Redis cannot join the caller's transaction, so events are
 * published after the scoped transaction commits (`afterCommit`), or at once outside one.
 */
export async function createRedisHub(options: {
  url: string;
  channel: string;
  log: Log;
}): Promise<RealtimeHub> {
  const { channel, log } = options;
  const dispatch = createLocalDispatch();
  // Connecting starts at once and retries in the background: a Redis that is down when the API
  // starts must not stop it (test/faults/redis-outage.test.ts); events published meanwhile are lost.
  const publisher = new Redis(options.url, { maxRetriesPerRequest: 3 });
  const subscriber = publisher.duplicate();
  publisher.on('error', (error) => log.warn({ err: error }, 'realtime redis publisher error'));
  subscriber.on('error', (error) => log.warn({ err: error }, 'realtime redis subscriber error'));
  const subscribe = () =>
    subscriber.subscribe(channel).then(
      () => true,
      (error: unknown) => {
        log.warn({ err: error, channel }, 'realtime redis subscription failed: retried when Redis is back');
        return false;
      },
    );
  // Waits for the first subscription when Redis is up, so no event of a fresh instance is missed.
  let subscribed = await subscribe();
  subscriber.on('ready', () => {
    // ioredis resubscribes by itself after a reconnect, unless the first subscription never
    // succeeded; what was published meanwhile is lost either way, so listeners resynchronise.
    if (!subscribed) void subscribe().then((ok) => (subscribed = ok));
    log.info({ channel }, 'realtime redis subscriber reconnected');
    dispatch.resync();
  });
  subscriber.on('message', (received: string, text: string) => {
    if (received === channel) dispatch.deliver(text);
  });

  const send = (payloads: string[]) => {
    for (const payload of payloads) {
      publisher.publish(channel, payload).catch((error: unknown) => {
        log.warn({ err: error }, 'realtime event could not be published');
      });
    }
  };
  return {
    async publish(db, userIds, event) {
      const payloads = encodeEnvelopes(userIds, event);
      if (!afterCommit(db, () => send(payloads))) send(payloads);
    },
    subscribe: dispatch.subscribe,
    async close() {
      dispatch.clear();
      subscriber.disconnect();
      // Without waiting for a server that may be gone.
      if (publisher.status === 'ready') await publisher.quit().catch(() => {});
      else publisher.disconnect();
    },
  };
}
