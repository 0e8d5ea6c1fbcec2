import { isCommandName, isEventName } from '../../../shared/ipc/contract';
import type { CountersignApi, EventName, EventPayload } from '../../../shared/ipc/contract';
import { fail } from '../../../shared/ipc/envelope';
import type { Envelope } from '../../../shared/ipc/envelope';

type Listener = (payload: unknown) => void;

interface Pending {
  resolve: (envelope: Envelope<unknown>) => void;
}

/**
 * The browser host's side of the contract: commands and events over one WebSocket to
 * 127.0.0.1, authenticated by the host's session cookie. Reconnects with backoff; a command
 * sent while disconnected waits for the socket rather than failing, and one in flight when
 * the socket drops answers `INTERNAL` (the caller's write-ahead record decides what happens
 * next). A socket that keeps failing asks the host whether this browser is still signed in
 * (a refused upgrade is not visible to the page) and calls `onSignedOut` when it is not.
 */
export const createWsClient = (url: string, onSignedOut: () => void): CountersignApi => {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  const queue: string[] = [];
  let failures = 0;

  const checkSession = async (): Promise<void> => {
    try {
      const res = await fetch('/session', { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401) onSignedOut();
    } catch {
      // The host is not running: keep reconnecting until it is back.
    }
  };

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      failures = 0;
      backoff = 250;
      for (const message of queue.splice(0)) ws.send(message);
    });
    ws.addEventListener('message', (ev: MessageEvent<string>) => {
      let message: unknown;
      try {
        message = JSON.parse(ev.data);
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const m = message as { id?: unknown; envelope?: Envelope<unknown>; event?: unknown; payload?: unknown };
      if (typeof m.id === 'number' && m.envelope) {
        pending.get(m.id)?.resolve(m.envelope);
        pending.delete(m.id);
      } else if (isEventName(m.event)) {
        for (const listener of listeners.get(m.event) ?? []) listener(m.payload);
      }
    });
    ws.addEventListener('close', () => {
      socket = null;
      for (const [id, p] of pending) {
        p.resolve(fail('INTERNAL', 'connection to the console host was lost', { reason: 'disconnected' }));
        pending.delete(id);
      }
      // checkSession catches its own failures; the catch only satisfies the floating-promise rule.
      if (!opened && ++failures % 2 === 0) checkSession().catch(() => undefined);
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5_000);
    });
  };
  connect();

  return {
    invoke: (command, request) => {
      if (!isCommandName(command)) return Promise.resolve(fail('UNKNOWN_COMMAND', `unknown command ${String(command)}`));
      const id = nextId++;
      const message = JSON.stringify({ id, command, payload: request });
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as Pending['resolve'] });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else queue.push(message);
      });
    },
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      const wrapped = listener as Listener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
};
