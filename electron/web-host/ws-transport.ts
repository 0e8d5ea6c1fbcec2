import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/envelope';
import type { Router } from '../ipc/router';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';

/** What the transport needs from the core: dispatch, events, a logger. */
export interface WebHostCore {
  router: Pick<Router, 'dispatch'>;
  events: Pick<EventBus, 'subscribe'>;
  context: { logger: Logger };
}

/** The contract over WebSockets, for upgrades the HTTP server has already let through. */
export interface WsTransport {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

const rawText = (data: RawData): string => (Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));

/**
 * Commands in, envelopes and events out, one JSON message each. Loaded with the core, after the
 * HTTP server already listens (it pulls in the contract's schemas). All logic lives in the core.
 */
export const createWsTransport = (core: WebHostCore): WsTransport => {
  const logger = core.context.logger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let connections = 0;
  wss.on('connection', (ws: WebSocket) => {
    const label = `ws#${++connections}`;
    const send = (message: unknown): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = core.events.subscribe((event, payload) => send({ event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.close());
    const answer = async (data: RawData, isBinary: boolean): Promise<void> => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(rawText(data));
      } catch {
        send({ id: null, envelope: fail('MALFORMED_MESSAGE', 'message is not JSON') });
        return;
      }
      const m = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; command?: unknown; payload?: unknown };
      const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null;
      if (id === null) {
        send({ id: null, envelope: fail('MALFORMED_MESSAGE', 'message has no numeric id') });
        return;
      }
      send({ id, envelope: await core.router.dispatch(m.command, m.payload, { trusted: true, label }) });
    };
    ws.on('message', (data, isBinary) => {
      answer(data, isBinary).catch((error: unknown) => {
        logger.error('web-host.message-failed', { error: error instanceof Error ? error.message : String(error) });
        send({ id: null, envelope: fail('INTERNAL', 'the host could not answer') });
      });
    });
  });
  // A message over maxPayload makes ws close the socket with 1009; the host keeps running.
  wss.on('error', (error) => logger.warn('web-host.ws-error', { error: error.message }));
  return {
    handleUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws)),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
