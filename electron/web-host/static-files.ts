import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc/csp';
import { CONTENT_TYPES } from '../services/content-types';

/**
 * The request's URL, or null when it cannot be parsed. `GET /%` once threw a URIError out of
 * the handler and took the host down: nothing a client sends may throw here.
 */
export const parseRequestUrl = (raw: string | undefined): { url: URL; pathname: string } | null => {
  try {
    const url = new URL(raw ?? '/', 'http://127.0.0.1');
    const pathname = decodeURIComponent(url.pathname);
    return pathname.includes('\0') ? null : { url, pathname };
  } catch {
    return null;
  }
};

const notFound = (res: ServerResponse): void => {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
};

/** A regular file inside `root`, or null (outside the folder, missing, a directory, unreadable). */
const fileIn = (root: string, pathname: string): string | null => {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
};

/** Sends one file of the built renderer (`pathname` already decoded), with the desktop host's CSP. */
export const sendFile = (root: string, pathname: string, req: IncomingMessage, res: ServerResponse): void => {
  const file = fileIn(root, pathname);
  if (!file) return notFound(res);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  // A file replaced by a rebuild mid-read ends this response, not the host.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
};
