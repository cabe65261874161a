import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { createLocalDispatch, encodeEnvelopes } from './envelope';
import type { RealtimeHub } from './hub';

export const DEFAULT_CHANNEL = 'ft_realtime';

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/** Something that calls `onPayload` for every NOTIFY on the channel and `onResync` after a gap. */
export type NotificationSource = (handlers: {
  onPayload: (payload: string) => void;
  onResync: () => void;
}) => Promise<{ close(): Promise<void> }>;

/**
 * Fan-out through PostgreSQL: `publish` issues `pg_notify` in the caller's transaction, so the
 * event leaves only when that transaction commits; every instance LISTENs on one connection of
 * its own and hands events to the sockets it holds.
 */
export async function createPostgresHub(options: {
  source: NotificationSource;
  channel?: string;
}): Promise<RealtimeHub> {
  const channel = options.channel ?? DEFAULT_CHANNEL;
  const dispatch = createLocalDispatch();
  const listening = await options.source({ onPayload: dispatch.deliver, onResync: dispatch.resync });
  return {
    async publish(db, userIds, event) {
      for (const payload of encodeEnvelopes(userIds, event)) {
        await sql`select pg_notify(${channel}, ${payload})`.execute(db);
      }
    },
    subscribe: dispatch.subscribe,
    async close() {
      dispatch.clear();
      await listening.close();
    },
  };
}

/** LISTEN on the embedded engine: PGlite delivers notifications of its own (single) backend. */
export function embeddedSource(embedded: PGlite, channel = DEFAULT_CHANNEL): NotificationSource {
  return async ({ onPayload }) => {
    const unlisten = await embedded.listen(channel, onPayload);
    return {
      close: async () => {
        if (!embedded.closed) await unlisten();
      },
    };
  };
}

/**
 * LISTEN on a PostgreSQL server through a dedicated client (a pooled connection cannot hold a
 * LISTEN). A lost connection is reopened with back-off; events sent meanwhile are lost, so
 * listeners are told to resync once it is back.
 */
export function serverSource(url: string, log: Log, channel = DEFAULT_CHANNEL): NotificationSource {
  return async ({ onPayload, onResync }) => {
    let client: pg.Client | undefined;
    let closed = false;
    let attempt = 0;
    let timer: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => {
        if (message.channel === channel && message.payload) onPayload(message.payload);
      });
      next.on('error', (error) => log.warn({ err: error }, 'realtime listener connection error'));
      next.on('end', () => {
        if (closed || client !== next) return;
        client = undefined;
        scheduleReconnect();
      });
      client = next;
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    };

    const scheduleReconnect = () => {
      const delay = Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      timer = setTimeout(() => {
        connect().then(
          () => {
            attempt = 0;
            log.info({ channel }, 'realtime listener reconnected');
            onResync();
          },
          (error) => {
            log.warn({ err: error }, 'realtime listener could not reconnect');
            const failed = client;
            client = undefined;
            failed?.end().catch(() => {});
            if (!closed) scheduleReconnect();
          },
        );
      }, delay);
    };

    await connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(timer);
        const current = client;
        client = undefined;
        await current?.end().catch(() => {});
      },
    };
  };
}
