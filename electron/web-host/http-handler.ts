import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../services/logger';
import { EXPLAIN_PAGE_CSP, explainPage, wrongHostText } from './explain-page';
import type { ExplainReason } from './explain-page';
import type { SessionAuth } from './session-auth';
import { parseRequestUrl, sendFile } from './static-files';
import { DOWNLOAD_ROUTE } from '../evidence/download-shelf';
import type { DownloadShelf } from '../evidence/download-shelf';
import { sendDownload } from './download-route';

export interface HttpHandlerOptions {
  auth: SessionAuth;
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Built renderer (out/renderer). */
  staticDir: string;
  logger: Logger;
  /** A browser exchanged this launch's token for the session cookie. */
  onSignIn(): void;
  /** Evidence bundles waiting for their one download (once the core is up). */
  downloads?: () => DownloadShelf | undefined;
}

/** Marks every answer, so a second start can tell "Countersign already runs here" from another program. */
export const HOST_MARKER_HEADER = 'x-countersign';

const isDocument = (pathname: string): boolean => pathname === '/' || pathname.endsWith('.html');

const explain = (res: ServerResponse, reason: ExplainReason, origin: string, head: boolean): void => {
  res.writeHead(401, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': EXPLAIN_PAGE_CSP,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(head ? undefined : explainPage(reason, origin));
};

/** The address without its token: what the address bar, history and bookmarks keep. */
const withoutToken = (url: URL): string => {
  const params = new URLSearchParams(url.search);
  params.delete('token');
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
};

const route = (opts: HttpHandlerOptions, req: IncomingMessage, res: ServerResponse): void => {
  const { auth, origin } = opts;
  res.setHeader(HOST_MARKER_HEADER, 'browser-host');
  const host = auth.hostKind(req.headers);
  if (host === 'foreign') {
    res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end(wrongHostText(origin));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const parsed = parseRequestUrl(req.url);
  if (!parsed) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
    return;
  }
  const { url, pathname } = parsed;
  // One origin, one IndexedDB: localhost is sent to 127.0.0.1 before anything is stored.
  if (host === 'localhost') {
    res.writeHead(307, { location: `${origin}${url.pathname}${url.search}` }).end();
    return;
  }
  if (pathname.startsWith(DOWNLOAD_ROUTE)) {
    // The session cookie, as for documents; the token in the path names one file, once.
    if (!auth.hasSession(req.headers)) {
      res.writeHead(401, { 'cache-control': 'no-store' }).end();
      return;
    }
    return sendDownload(opts.downloads?.(), pathname.slice(DOWNLOAD_ROUTE.length), req, res, opts.logger);
  }
  if (pathname === '/session') {
    res.writeHead(auth.hasSession(req.headers) ? 204 : 401, { 'cache-control': 'no-store' }).end();
    return;
  }
  if (!isDocument(pathname)) return sendFile(opts.staticDir, pathname, req, res);
  const token = url.searchParams.get('token');
  if (token !== null) {
    if (auth.tokenMatches(token)) {
      res.writeHead(303, { 'set-cookie': auth.setCookie, location: withoutToken(url), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
      opts.onSignIn();
      return;
    }
    // Last launch's address in a browser that is signed in anyway: just drop the old token.
    if (auth.hasSession(req.headers)) {
      res.writeHead(303, { location: withoutToken(url), 'cache-control': 'no-store' }).end();
      return;
    }
    opts.logger.warn('web-host.refused', { why: 'stale-token' });
    return explain(res, 'stale', origin, req.method === 'HEAD');
  }
  if (!auth.hasSession(req.headers)) return explain(res, 'missing', origin, req.method === 'HEAD');
  sendFile(opts.staticDir, pathname, req, res);
};

/**
 * Every HTTP request to the browser host: documents need the session cookie (or this launch's
 * token, exchanged for it), scripts and styles are the public renderer build. Whatever a
 * client sends, the answer is a status code, never an exception out of the handler.
 */
export const createHttpHandler = (opts: HttpHandlerOptions) => (req: IncomingMessage, res: ServerResponse): void => {
  try {
    route(opts, req, res);
  } catch (error) {
    opts.logger.error('web-host.request-failed', { error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    else res.destroy();
  }
};
