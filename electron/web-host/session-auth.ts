import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may use the browser host. A per-launch token (printed in the terminal, or handed to the
 * app window in a user-only launch file, never on a command line) is exchanged once for an
 * HttpOnly, SameSite cookie; documents, the session probe and the WebSocket then need that
 * cookie, the right Host (DNS rebinding) and, for the WebSocket, the host's own Origin.
 *
 * The cookie's value is a secret kept in the data folder, so a browser signed in once stays
 * signed in across restarts of the host (its bookmark of http://127.0.0.1:<port>/ keeps
 * working) while the token in last launch's printed address does not.
 */
export interface SessionAuth {
  /** This launch's token. */
  readonly token: string;
  /** `name=value`, as a Cookie header sends it (tests and tools). */
  readonly cookiePair: string;
  /** The Set-Cookie header value that signs a browser in. */
  readonly setCookie: string;
  tokenMatches(candidate: string | null | undefined): boolean;
  hasSession(headers: IncomingHttpHeaders): boolean;
  /** 'ok' for 127.0.0.1:<port>; 'localhost' for localhost:<port> (redirected); else 'foreign'. */
  hostKind(headers: IncomingHttpHeaders): 'ok' | 'localhost' | 'foreign';
  /** The Origin header is this host's own origin. */
  originMatches(headers: IncomingHttpHeaders): boolean;
}

/** Browsers cap cookie lifetimes at 400 days; the secret, not the date, decides validity. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Reads one cookie from a Cookie header without throwing on malformed input. */
export const readCookie = (header: string | undefined, name: string): string | null => {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
};

export const createSessionAuth = (opts: { port: number; sessionSecret: Uint8Array; token?: string }): SessionAuth => {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const session = Buffer.from(opts.sessionSecret).toString('base64url');
  // Cookies are not isolated by port: the name carries it, so two hosts never clobber each other.
  const name = `countersign_session_${opts.port}`;
  const hostOk = `127.0.0.1:${opts.port}`;
  return {
    token,
    cookiePair: `${name}=${session}`,
    setCookie: `${name}=${session}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_S}`,
    tokenMatches: (candidate) => typeof candidate === 'string' && sameSecret(candidate, token),
    hasSession: (headers) => {
      const value = readCookie(headers.cookie, name);
      return value !== null && sameSecret(value, session);
    },
    hostKind: (headers) => {
      const host = (headers.host ?? '').toLowerCase();
      if (host === hostOk) return 'ok';
      return host === `localhost:${opts.port}` ? 'localhost' : 'foreign';
    },
    originMatches: (headers) => headers.origin === `http://${hostOk}`,
  };
};
