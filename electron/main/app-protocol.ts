import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc/csp';
import { CONTENT_TYPES } from '../services/content-types';
import { APP_SCHEME } from './app-origin';

export { APP_ORIGIN, APP_SCHEME } from './app-origin';

/** Must run before `app.ready`: app:// behaves like a secure standard origin. */
export const registerAppScheme = (): void => {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
};

/** Serves the built renderer from app://countersign/ with the CSP; nothing outside `root`. */
export const serveAppProtocol = (root: string): void => {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'countersign') return new Response('not found', { status: 404 });
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  void net; // net.fetch is not used: files are read directly so nothing can escape `root`.
};
