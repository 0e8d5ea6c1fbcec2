import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/envelope';
import type { Router, Sender } from '../ipc/router';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';

/** What the transport needs from the core: dispatch, events, a logger, and word of a closed connection. */
export interface WebHostCore {
  router: Pick<Router, 'dispatch'>;
  events: Pick<EventBus, 'subscribe'>;
  context: { logger: Logger };
  /** A closed connection ends its operator session in main (the page asks for the PIN again). */
  disconnected(sender: Sender): void;
}

/** One message on the WebSocket, as text, for the traffic recording tests turn on. */
export interface TrafficRecord {
  direction: 'in' | 'out';
  connection: string;
  data: string;
}

export interface WsTransportOptions {
  /**
   * Called with every message in and out, exactly as sent (tests record the traffic and scan
   * it for card data, RULES 1). Off unless a caller passes it; the product never does.
   */
  record?: (message: TrafficRecord) => void;
}

/** The contract over WebSockets, for upgrades the HTTP server has already let through. */
export interface WsTransport {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

const rawText = (data: RawData): string => (Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));

/** The customer's page says so in its socket's address; it only ever loses by it (no session, no card events). */
const isCustomerSocket = (url: string | undefined): boolean => {
  const query = (url ?? '').split('?')[1];
  return query !== undefined && new URLSearchParams(query).get('window') === 'customer';
};

/**
 * Commands in, envelopes and events out, one JSON message each. Loaded with the core, after the
 * HTTP server already listens (it pulls in the contract's schemas). All logic lives in the core.
 * The cookie let the browser in (server.ts); each connection is one sender to main, so each
 * WebSocket holds its own operator session, as each desktop window does.
 */
export const createWsTransport = (core: WebHostCore, opts: WsTransportOptions = {}): WsTransport => {
  const logger = core.context.logger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let connections = 0;
  wss.on('connection', (ws: WebSocket, customer: boolean) => {
    const connectionId = `ws#${++connections}`;
    const sender: Sender = { trusted: true, label: customer ? `${connectionId} (customer)` : connectionId, id: connectionId, customer };
    const send = (message: unknown): void => {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify(message);
      opts.record?.({ direction: 'out', connection: connectionId, data: text });
      ws.send(text);
    };
    // Events with an audience (card swipes, session changes) go only to the connections named.
    const unsubscribe = core.events.subscribe((event, payload, audience) => {
      if (!audience || audience.has(connectionId)) send({ event, payload });
    });
    ws.on('close', () => {
      unsubscribe();
      core.disconnected(sender);
    });
    ws.on('error', () => ws.close());
    const answer = async (data: RawData, isBinary: boolean): Promise<void> => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary');
        const text = rawText(data);
        opts.record?.({ direction: 'in', connection: connectionId, data: text });
        message = JSON.parse(text);
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
      send({ id, envelope: await core.router.dispatch(m.command, m.payload, sender) });
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
    handleUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, isCustomerSocket(req.url))),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
