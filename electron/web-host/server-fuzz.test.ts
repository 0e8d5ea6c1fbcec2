import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWebHost } from './web-host-test-support';
import type { TestWebHost } from './web-host-test-support';

/**
 * Whatever arrives on the port, the browser host answers with a status (or closes the
 * connection) and keeps running: odd paths, methods and headers, against the static server
 * and the upgrade handler, over raw sockets so nothing is cleaned up by a client library.
 */
let host: TestWebHost;
beforeAll(async () => {
  host = await startTestWebHost();
});
afterAll(() => host.web.close());

/** Small deterministic PRNG (mulberry32), so a failure reproduces. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const PATHS = [
  '/', '/%', '/%%', '/%E0%A4%A', '/%00', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fsecret.txt', '/assets/../../secret.txt', '//', '///x', '*', 'http://evil.example/',
  '/?token=', '/?token=%', '/?token=a&token=b', '/index.html?token=%ZZ', '/ws', '/ws?token=x', '/session', '/session?x=%', '/bench.html', '/assets/app.js', '/assets/',
  '/\u00e9', '/%C3%A9', `/${'a'.repeat(5000)}`, '/%F0%9F%92%A9.html', '/a b', '/;', '/?', '/#frag', '/.', '/..', '/assets/app.js%00.html',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'PROPFIND', 'get', 'G ET', 'X'.repeat(40)];
const HOSTS = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', `evil.example:${port}`, '', '127.0.0.1', '[::1]', '%', 'a'.repeat(300)];

const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Sends raw bytes; resolves with the first line of the answer ('' when the host just closed). */
const raw = (bytes: string | Buffer, opts: { abort?: boolean } = {}): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(host.web.port, '127.0.0.1');
    let answer = '';
    const done = (): void => {
      socket.destroy();
      resolve(answer.split('\r\n')[0] ?? '');
    };
    const timer = setTimeout(done, 3000);
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      // One status line is all this test reads; a 101 would keep the socket open.
      if (answer.includes('\r\n\r\n')) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.write(bytes, () => {
      if (opts.abort) socket.resetAndDestroy();
      else socket.end();
    });
  });

const statusOf = (line: string): number | null => {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(line);
  return m ? Number(m[1]) : null;
};

const stillServing = async (): Promise<void> => {
  const res = await fetch(`${host.web.origin}/assets/app.js`);
  expect(res.status).toBe(200);
};

describe('browser host under odd requests', () => {
  it('answers 500 random requests (paths, methods, Host, Cookie, Origin, Upgrade) without an exception and never upgrades without the session', async () => {
    const r = prng(20261207);
    const port = host.web.port;
    const cookies = ['', host.web.cookie, `${host.web.cookie}x`, '=;;;==', `countersign_session_${port}=`, 'a=b; '.repeat(200), `${host.web.cookie}; ${host.web.cookie}`];
    const origins = ['', host.web.origin, 'null', 'http://evil.example', `http://localhost:${port}`, '%'];
    for (let i = 0; i < 500; i++) {
      const method = pick(r, METHODS);
      const path = pick(r, PATHS);
      const headers: string[] = [];
      const hostHeader = pick(r, HOSTS(port));
      if (hostHeader) headers.push(`Host: ${hostHeader}`);
      const cookie = pick(r, cookies);
      if (cookie) headers.push(`Cookie: ${cookie}`);
      const origin = pick(r, origins);
      if (origin) headers.push(`Origin: ${origin}`);
      const upgrade = r() < 0.4;
      if (upgrade) headers.push('Connection: Upgrade', `Upgrade: ${pick(r, ['websocket', 'WebSocket', 'h2c', ''])}`, `Sec-WebSocket-Version: ${pick(r, ['13', '8', 'x'])}`, `Sec-WebSocket-Key: ${pick(r, ['dGhlIHNhbXBsZSBub25jZQ==', '', 'short'])}`);
      if (r() < 0.2) headers.push(`Content-Length: ${pick(r, ['5', '-1', 'abc', '99999999'])}`);
      if (r() < 0.1) headers.push('Transfer-Encoding: chunked');
      const line = await raw(`${method} ${path} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\nhello`, { abort: r() < 0.1 });
      const status = statusOf(line);
      if (status === 101) {
        // Only a request with the session, this Host and this Origin may become a socket.
        expect({ cookie, origin, hostHeader }).toMatchObject({ origin: host.web.origin, hostHeader: `127.0.0.1:${port}` });
        expect(cookie.startsWith(host.web.cookie) && !cookie.startsWith(`${host.web.cookie}x`)).toBe(true);
      }
      if (status !== null) expect(status).toBeLessThan(500);
    }
    await stillServing();
  }, 120_000);

  it('survives malformed request lines, oversized headers, pipelining and connections cut mid-request', async () => {
    const port = host.web.port;
    const cases: Array<string | Buffer> = [
      'GET /% HTTP/1.1\r\n\r\n',
      `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      'GET\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET / HTTP/1.0\r\n\r\n',
      Buffer.from('GET /\u0000 HTTP/1.1\r\n\r\n', 'latin1'),
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'x'.repeat(70_000)}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`,
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${host.web.cookie}\r\nOrigin: ${host.web.origin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\nGET /% HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\nGET /session HTTP/1.1\r\n\r\n`,
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n`,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100\r\n\r\nshort`,
      'Ω / HTTP/1.1\r\n\r\n',
    ];
    for (const bytes of cases) {
      const status = statusOf(await raw(bytes));
      if (status !== null) expect(status).not.toBe(101);
      await raw(bytes, { abort: true });
    }
    await stillServing();
  }, 60_000);
});
