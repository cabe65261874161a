import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { apiUrl } from './api';

/** An event pushed by the server: `message.created`, `notification.created`, `typing`… */
export type RealtimeEvent = { type: string; payload: Record<string, unknown> };
type Listener = (event: RealtimeEvent) => void;
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'closed';

/** The server restarts (1012) or the network drops: reconnect. A session that ended (4401): stop. */
const CLOSE_SESSION_ENDED = 4401;
const MAX_DELAY_MS = 30_000;

/** Exponential back-off with full jitter, so a restarted server is not hit by every tab at once. */
export function reconnectDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * One socket per tab to `/api/realtime`, shared by every feature. It reconnects after a drop with
 * back-off and tells listeners `realtime.reconnected` so they refetch what they may have missed.
 */
class RealtimeConnection {
  private socket: WebSocket | undefined;
  private listeners = new Map<string, Set<Listener>>();
  private statusListeners = new Set<() => void>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wanted = false;
  private everOpened = false;
  status: RealtimeStatus = 'idle';
  /** Since when live events have not been arriving (the fallback polls back off from here). */
  downSince = Date.now();

  start() {
    if (this.wanted) return;
    this.wanted = true;
    this.open();
  }

  stop() {
    this.wanted = false;
    this.everOpened = false;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
    this.setStatus('idle');
  }

  on(type: string, listener: Listener): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Sends a frame if the socket is open; real-time frames are hints, dropped when offline. */
  send(frame: Record<string, unknown>) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  subscribeStatus = (listener: () => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  private setStatus(status: RealtimeStatus) {
    if (this.status === 'open' && status !== 'open') this.downSince = Date.now();
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }

  private emit(event: RealtimeEvent) {
    for (const listener of this.listeners.get(event.type) ?? []) listener(event);
    for (const listener of this.listeners.get('*') ?? []) listener(event);
  }

  private open() {
    // Same origin by default; an SPA deployed on its own origin reaches the API named at build time.
    const url = new URL(apiUrl('/api/realtime'), window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    this.setStatus('connecting');
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.setStatus('open');
      if (this.everOpened) this.emit({ type: 'realtime.reconnected', payload: {} });
      this.everOpened = true;
    });
    socket.addEventListener('message', (message) => {
      try {
        const event = JSON.parse(String(message.data)) as RealtimeEvent;
        if (typeof event.type === 'string') this.emit(event);
      } catch {
        // Not ours; ignore.
      }
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.setStatus('closed');
      if (!this.wanted || event.code === CLOSE_SESSION_ENDED) {
        if (event.code === CLOSE_SESSION_ENDED) this.emit({ type: 'realtime.session-ended', payload: {} });
        return;
      }
      // Whatever happened while closed is caught up by the refetch on reconnection.
      this.everOpened = true;
      this.timer = setTimeout(() => this.open(), reconnectDelay(this.attempt));
      this.attempt += 1;
    });
  }
}

export const realtime = new RealtimeConnection();

/**
 * Keeps the socket open while someone is signed in. On reconnection (or when the server says its
 * own feed had a gap) every active query is refetched: the simplest way to catch up on anything.
 */
export function useRealtimeConnection(signedIn: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    realtime.start();
    const catchUp = () => void queryClient.invalidateQueries();
    const offReconnected = realtime.on('realtime.reconnected', catchUp);
    const offResync = realtime.on('realtime.resync', catchUp);
    const offEnded = realtime.on(
      'realtime.session-ended',
      () => void queryClient.invalidateQueries({ queryKey: ['me'] }),
    );
    return () => {
      offReconnected();
      offResync();
      offEnded();
      realtime.stop();
    };
  }, [signedIn, queryClient]);
}

/** Calls `handler` for each event of `type` (or '*' for all) while the component is mounted. */
export function useRealtime(type: string, handler: Listener) {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => realtime.on(type, (event) => latest.current(event)), [type]);
}

export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(realtime.subscribeStatus, () => realtime.status);
}

const FALLBACK_POLL_MS = 30_000;
const FALLBACK_POLL_MAX_MS = 5 * 60_000;

/**
 * Query options for data the socket keeps fresh (unread counts, conversations): while it is open,
 * no polling and no refetch on remount (its events invalidate what changed, a reconnection
 * refetches everything); while it is down, a poll whose interval grows with how long it has been
 * down — 30 s, then about twice as long each time, 5 min at most — so an outage is not a flood.
 */
export function useLiveQueryOptions() {
  const status = useRealtimeStatus();
  const open = status === 'open';
  return {
    // Closed, a component mounting a moment after another (a lazy page under the header) still
    // shares the answer instead of asking again.
    staleTime: open ? Number.POSITIVE_INFINITY : 10_000,
    refetchInterval: open
      ? (false as const)
      : () => Math.min(FALLBACK_POLL_MAX_MS, Math.max(FALLBACK_POLL_MS, Date.now() - realtime.downSince)),
  };
}
