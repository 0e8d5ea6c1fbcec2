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
 * 127.0.0.1, authenticated by the per-launch token from the page URL. Reconnects with
 * backoff; a command sent while disconnected waits for the socket rather than failing,
 * and one in flight when the socket drops answers `INTERNAL` (the caller's write-ahead
 * record decides what happens next).
 */
export const createWsClient = (url: string): CountersignApi => {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<Listener>>();
  const queue: string[] = [];

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.addEventListener('open', () => {
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
