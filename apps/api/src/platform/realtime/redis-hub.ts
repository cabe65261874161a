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
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const subscriber = publisher.duplicate();
  publisher.on('error', (error) => log.warn({ err: error }, 'realtime redis publisher error'));
  subscriber.on('error', (error) => log.warn({ err: error }, 'realtime redis subscriber error'));
  await publisher.connect();
  await subscriber.connect();
  let readyOnce = false;
  subscriber.on('ready', () => {
    // ioredis resubscribes by itself after a reconnect; what was published meanwhile is lost.
    if (readyOnce) {
      log.info({ channel }, 'realtime redis subscriber reconnected');
      dispatch.resync();
    }
    readyOnce = true;
  });
  readyOnce = true;
  subscriber.on('message', (received: string, text: string) => {
    if (received === channel) dispatch.deliver(text);
  });
  await subscriber.subscribe(channel);

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
      await publisher.quit().catch(() => {});
    },
  };
}
