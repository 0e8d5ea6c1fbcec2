import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/envelope';
import type { Core } from '../services/core';
import type { Sender } from '../ipc/router';
import { serveStatic } from './static-files';

/** One message on the WebSocket, as text, for the traffic recording tests turn on. */
export interface TrafficRecord {
  direction: 'in' | 'out';
  connection: string;
  data: string;
}

export interface WebHostOptions {
  core: Core;
  /**
   * Called with every message in and out, exactly as sent (tests record the traffic and scan
   * it for card data, RULES 1). Off unless a caller passes it; the product never does.
   */
  record?: (message: TrafficRecord) => void;
  /** Built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Per-launch token; generated when absent. */
  token?: string;
}

export interface WebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const refuse = (socket: NodeJS.WritableStream & { destroy(): void }, status: string): void => {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  socket.destroy();
};

/**
 * The browser host's transport: static renderer + the contract over a WebSocket, bound to
 * 127.0.0.1 only. An upgrade without the launch token or from another Origin is refused
 * before any message is read. All logic lives in the core; this only moves messages.
 */
export const startWebHost = async (opts: WebHostOptions): Promise<WebHost> => {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer(serveStatic(opts.staticDir));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const logger = opts.core.context.logger;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/ws') return refuse(socket, '404 Not Found');
    if (url.searchParams.get('token') !== token) {
      logger.warn('web-host.refused', { why: 'token' });
      return refuse(socket, '401 Unauthorized');
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== origin && requestOrigin !== `http://localhost:${port}`) {
      logger.warn('web-host.refused', { why: 'origin', origin: String(requestOrigin).slice(0, 100) });
      return refuse(socket, '403 Forbidden');
    }
    // The customer's page says so; it only ever loses by it (no session, no card events).
    const customer = url.searchParams.get('window') === 'customer';
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, customer));
  });

  let connections = 0;
  wss.on('connection', (ws: WebSocket, customer: boolean) => {
    const n = ++connections;
    const sender: Sender = { trusted: true, label: customer ? `ws#${n} (customer)` : `ws#${n}`, id: `ws#${n}`, customer };
    const send = (text: string): void => {
      if (ws.readyState !== ws.OPEN) return;
      opts.record?.({ direction: 'out', connection: sender.id, data: text });
      ws.send(text);
    };
    const unsubscribe = opts.core.events.subscribe((event, payload, audience) => {
      if (!audience || audience.has(sender.id)) send(JSON.stringify({ event, payload }));
    });
    ws.on('close', () => {
      unsubscribe();
      opts.core.disconnected(sender);
    });
    ws.on('error', () => ws.close());
    ws.on('message', (data, isBinary) => {
      void (async () => {
        let message: unknown;
        try {
          if (isBinary) throw new Error('binary');
          const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
          opts.record?.({ direction: 'in', connection: sender.id, data: text });
          message = JSON.parse(text);
        } catch {
          send(JSON.stringify({ id: null, envelope: fail('MALFORMED_MESSAGE', 'message is not JSON') }));
          return;
        }
        const m = (typeof message === 'object' && message !== null ? message : {}) as { id?: unknown; command?: unknown; payload?: unknown };
        const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null;
        if (id === null) {
          send(JSON.stringify({ id: null, envelope: fail('MALFORMED_MESSAGE', 'message has no numeric id') }));
          return;
        }
        const envelope = await opts.core.router.dispatch(m.command, m.payload, sender);
        send(JSON.stringify({ id, envelope }));
      })().catch((error: unknown) => logger.error('web-host.message-failed', { error: error instanceof Error ? error.message : String(error) }));
    });
  });
  // A message over maxPayload makes ws close the socket with 1009; the host keeps running.
  wss.on('error', (error) => logger.warn('web-host.ws-error', { error: error.message }));

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
