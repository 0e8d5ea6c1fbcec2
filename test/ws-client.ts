import { WebSocket } from 'ws';
import type { Envelope } from '../shared/ipc/envelope';

/**
 * A bare WebSocket client of the browser host, as anyone holding its launch token (exchanged
 * for the session cookie) could write one (no page, no renderer checks): for the tests that
 * prove main enforces roles itself. Each connection is its own sender to main.
 */
export interface WsTestClient {
  call<T = unknown>(command: string, payload: unknown): Promise<Envelope<T>>;
  events: Array<{ event: string; payload: unknown }>;
  close(): Promise<void>;
}

export const connectWs = async (opts: { origin: string; cookie: string; customer?: boolean }): Promise<WsTestClient> => {
  const url = `${opts.origin.replace('http', 'ws')}/ws${opts.customer ? '?window=customer' : ''}`;
  const ws = new WebSocket(url, { headers: { Origin: opts.origin, Cookie: opts.cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (e: Envelope<unknown>) => void>();
  const events: Array<{ event: string; payload: unknown }> = [];
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
    if (typeof m.id === 'number' && m.envelope) {
      waiting.get(m.id)?.(m.envelope);
      waiting.delete(m.id);
    } else if (m.event) events.push({ event: m.event, payload: m.payload });
  });
  return {
    events,
    call: <T>(command: string, payload: unknown) =>
      new Promise<Envelope<T>>((resolve) => {
        const id = next++;
        waiting.set(id, resolve as (e: Envelope<unknown>) => void);
        ws.send(JSON.stringify({ id, command, payload }));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
};
