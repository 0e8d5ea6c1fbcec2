import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/envelope';
import type { Router } from '../ipc/router';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';
import { createHttpHandler } from './http-handler';
import { parseRequestUrl } from './static-files';
import { createSessionAuth } from './session-auth';

/** What the transport needs from the core: dispatch, events, a logger. */
export interface WebHostCore {
  router: Pick<Router, 'dispatch'>;
  events: Pick<EventBus, 'subscribe'>;
  context: { logger: Logger };
}

export interface WebHostOptions {
  core: WebHostCore;
  /** Built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The session cookie's value: kept in the data folder so a signed-in browser survives restarts. */
  sessionSecret: Uint8Array;
  /** Per-launch token; generated when absent. */
  token?: string;
}

export interface WebHost {
  /** The address with this launch's token: opening it once signs a browser in. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** `name=value` of the session cookie, for tests and tools that speak to the host directly. */
  cookie: string;
  /** Called each time a browser exchanges the token for the cookie (the app window arrived). */
  onSignIn(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The port could not be bound; `code` is the system's (EADDRINUSE, EACCES). */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(`cannot listen on 127.0.0.1:${port} (${code})`);
  }
}

const refuse = (socket: Duplex, status: string): void => {
  if (socket.writable) socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
};

const rawText = (data: RawData): string => (Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8'));

const listen = (server: Server, port: number): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => reject(new ListenError(port, error.code ?? 'unknown'));
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });

/**
 * The browser host's transport: the renderer and the contract over a WebSocket, bound to
 * 127.0.0.1 only. An upgrade without the session cookie, for another Host or from another
 * Origin is refused before any message is read. All logic lives in the core.
 */
export const startWebHost = async (opts: WebHostOptions): Promise<WebHost> => {
  const logger = opts.core.context.logger;
  const signIns = new Set<() => void>();
  // Nothing is answered before the port, and so the origin and the cookie's name, are known.
  let handle: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await listen(server, opts.port);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const sessionAuth = createSessionAuth({ port, sessionSecret: opts.sessionSecret, token: opts.token });
  handle = createHttpHandler({ auth: sessionAuth, origin, staticDir: opts.staticDir, logger, onSignIn: () => signIns.forEach((l) => l()) });
  // After listening: errors on the bound server (rare) are logged, never thrown.
  server.on('error', (error) => logger.error('web-host.server-error', { error: error.message }));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const parsed = parseRequestUrl(req.url);
      if (!parsed || parsed.pathname !== '/ws') return refuse(socket, '404 Not Found');
      if (sessionAuth.hostKind(req.headers) !== 'ok') {
        logger.warn('web-host.refused', { why: 'host', host: String(req.headers.host).slice(0, 100) });
        return refuse(socket, '403 Forbidden');
      }
      if (!sessionAuth.hasSession(req.headers)) {
        logger.warn('web-host.refused', { why: 'session' });
        return refuse(socket, '401 Unauthorized');
      }
      if (!sessionAuth.originMatches(req.headers)) {
        logger.warn('web-host.refused', { why: 'origin', origin: String(req.headers.origin).slice(0, 100) });
        return refuse(socket, '403 Forbidden');
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
    } catch (error) {
      logger.error('web-host.upgrade-failed', { error: error instanceof Error ? error.message : String(error) });
      refuse(socket, '400 Bad Request');
    }
  });

  let connections = 0;
  wss.on('connection', (ws: WebSocket) => {
    const label = `ws#${++connections}`;
    const send = (message: unknown): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = opts.core.events.subscribe((event, payload) => send({ event, payload }));
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
      send({ id, envelope: await opts.core.router.dispatch(m.command, m.payload, { trusted: true, label }) });
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
    url: `${origin}/?token=${sessionAuth.token}`,
    origin,
    port,
    token: sessionAuth.token,
    cookie: sessionAuth.cookiePair,
    onSignIn: (listener) => {
      signIns.add(listener);
      return () => signIns.delete(listener);
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
