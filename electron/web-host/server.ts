import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../services/logger';
import { createHttpHandler } from './http-handler';
import { parseRequestUrl } from './static-files';
import { createSessionAuth } from './session-auth';
import type { WsTransport } from './ws-transport';
import type { DownloadShelf } from '../evidence/download-shelf';

export interface WebHostOptions {
  /** Built renderer (out/renderer). */
  staticDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The session cookie's value: kept in the data folder so a signed-in browser survives restarts. */
  sessionSecret: Uint8Array;
  /** Per-launch token; generated when absent. */
  token?: string;
  logger: Logger;
  /**
   * The contract's transport, once the core is up. The server listens (and serves the page)
   * before that, so the browser loads the console while the core starts; a socket that
   * arrives early waits for it.
   */
  transport: Promise<WsTransport>;
  /** Evidence downloads (electron/evidence/download-shelf.ts), once the core is up. */
  downloads?: () => DownloadShelf | undefined;
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
 * The browser host's HTTP side, bound to 127.0.0.1 only: the renderer (documents need the
 * session), the token exchange, and the gate in front of the WebSocket: an upgrade without
 * the session cookie, for another Host or from another Origin is refused before the
 * transport sees it. Every handler answers with a status, never an exception.
 */
export const startWebHost = async (opts: WebHostOptions): Promise<WebHost> => {
  const { logger } = opts;
  const signIns = new Set<() => void>();
  // A core that fails to start is reported by the launcher; sockets are then refused with 503.
  void opts.transport.catch(() => undefined);
  // Nothing is answered before the port, and so the origin and the cookie's name, are known.
  let handle: RequestListener = (_req, res) => void res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));

  await listen(server, opts.port);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const auth = createSessionAuth({ port, sessionSecret: opts.sessionSecret, token: opts.token });
  handle = createHttpHandler({ auth, origin, staticDir: opts.staticDir, logger, onSignIn: () => signIns.forEach((l) => l()), ...(opts.downloads ? { downloads: opts.downloads } : {}) });
  // After listening: errors on the bound server (rare) are logged, never thrown.
  server.on('error', (error) => logger.error('web-host.server-error', { error: error.message }));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const parsed = parseRequestUrl(req.url);
      if (!parsed || parsed.pathname !== '/ws') return refuse(socket, '404 Not Found');
      if (auth.hostKind(req.headers) !== 'ok') {
        logger.warn('web-host.refused', { why: 'host', host: String(req.headers.host).slice(0, 100) });
        return refuse(socket, '403 Forbidden');
      }
      if (!auth.hasSession(req.headers)) {
        logger.warn('web-host.refused', { why: 'session' });
        return refuse(socket, '401 Unauthorized');
      }
      if (!auth.originMatches(req.headers)) {
        logger.warn('web-host.refused', { why: 'origin', origin: String(req.headers.origin).slice(0, 100) });
        return refuse(socket, '403 Forbidden');
      }
      void opts.transport
        .then(
          (transport) => transport.handleUpgrade(req, socket, head),
          () => refuse(socket, '503 Service Unavailable'),
        )
        .catch((error: unknown) => {
          logger.error('web-host.upgrade-failed', { error: error instanceof Error ? error.message : String(error) });
          socket.destroy();
        });
    } catch (error) {
      logger.error('web-host.upgrade-failed', { error: error instanceof Error ? error.message : String(error) });
      refuse(socket, '400 Bad Request');
    }
  });

  return {
    url: `${origin}/?token=${auth.token}`,
    origin,
    port,
    token: auth.token,
    cookie: auth.cookiePair,
    onSignIn: (listener) => {
      signIns.add(listener);
      return () => signIns.delete(listener);
    },
    close: async () => {
      await opts.transport.then(
        (transport) => transport.close(),
        () => undefined,
      );
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
