import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { startTestWebHost } from './web-host-test-support';
import type { TestWebHost } from './web-host-test-support';

let host: TestWebHost;
beforeAll(async () => {
  host = await startTestWebHost();
});
afterAll(() => host.web.close());

/** A raw GET (fetch cannot set Host), answering status, headers and body. */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.web.port, path, method, headers: { Host: `127.0.0.1:${host.web.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

const wsAttempt = (headers: Record<string, string>): Promise<string> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.web.port}/ws`, { headers });
    ws.on('open', () => {
      resolve('open');
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', () => resolve('error'));
  });

describe('browser host sign-in', () => {
  it('exchanges the launch token once for an HttpOnly SameSite cookie and drops the token from the address', async () => {
    let signIns = 0;
    const off = host.web.onSignIn(() => signIns++);
    const res = await get(`/?token=${host.web.token}&window=customer`);
    off();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?window=customer');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(host.web.cookie);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(signIns).toBe(1);
  });

  it('serves the console to a signed-in browser, with the CSP', async () => {
    const res = await get('/', { Cookie: host.web.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain('console');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('explains, in both languages, how to open the console when the browser is not signed in', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(res.body).toContain('data-reason="missing"');
    expect(res.body).toContain('npm start');
    expect(res.body).toContain('请从收银台主机打开收银台');
    expect(res.body).toContain('Open the console from its host');
    expect(res.body).not.toContain(host.web.token);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('says a token from an earlier launch is stale, unless the browser is signed in anyway', async () => {
    const stale = await get('/?token=from-last-launch');
    expect(stale.status).toBe(401);
    expect(stale.body).toContain('data-reason="stale"');
    const signedIn = await get('/?token=from-last-launch', { Cookie: host.web.cookie });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/');
    expect(signedIn.headers['set-cookie']).toBeUndefined();
  });

  it('answers the session probe with 204 or 401', async () => {
    expect((await get('/session', { Cookie: host.web.cookie })).status).toBe(204);
    expect((await get('/session')).status).toBe(401);
    expect((await get('/session', { Cookie: `${host.web.cookie}x` })).status).toBe(401);
  });

  it('serves the public renderer build without sign-in, never a file outside it', async () => {
    expect((await get('/assets/app.js')).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt']) {
      expect((await get(path, { Cookie: host.web.cookie })).status).toBe(404);
    }
  });

  it('checks the Host header: another name is refused, localhost is sent to the one origin', async () => {
    expect((await get('/', { Host: 'evil.example', Cookie: host.web.cookie })).status).toBe(421);
    expect((await get('/', { Host: `rebind.example:${host.web.port}`, Cookie: host.web.cookie })).status).toBe(421);
    const local = await get('/?window=customer', { Host: `localhost:${host.web.port}` });
    expect(local.status).toBe(307);
    expect(local.headers.location).toBe(`http://127.0.0.1:${host.web.port}/?window=customer`);
  });

  it('refuses writes, and a malformed path is a 400, not a crash', async () => {
    expect((await get('/', { Cookie: host.web.cookie }, 'POST')).status).toBe(405);
    expect((await get('/%')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/assets/app.js')).status).toBe(200);
  });
});

describe('browser host WebSocket', () => {
  const origin = (): string => host.web.origin;

  it('opens only with the session cookie, this Host and this Origin', async () => {
    expect(await wsAttempt({ Origin: origin() })).toBe('401');
    expect(await wsAttempt({ Origin: origin(), Cookie: 'countersign_session_1=nope' })).toBe('401');
    expect(await wsAttempt({ Origin: 'http://evil.example', Cookie: host.web.cookie })).toBe('403');
    expect(await wsAttempt({ Origin: origin(), Cookie: host.web.cookie, Host: 'evil.example' })).toBe('403');
    expect(await wsAttempt({ Origin: origin(), Cookie: host.web.cookie })).toBe('open');
  });

  it('passes commands to the core and answers in the envelope', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.web.port}/ws`, { headers: { Origin: origin(), Cookie: host.web.cookie } });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 7, command: 'app:info', payload: {} }));
    const answer = await new Promise<string>((r) => ws.once('message', (d: RawData) => r(Buffer.isBuffer(d) ? d.toString('utf8') : '')));
    ws.close();
    expect(JSON.parse(answer)).toEqual({ id: 7, envelope: { ok: true, value: { echoed: true } } });
    expect(host.dispatched.at(-1)).toEqual({ command: 'app:info', payload: {} });
  });
});

describe('browser host session across restarts', () => {
  it('keeps a signed-in browser signed in when the host restarts with the same data folder, not with another', async () => {
    const first = await startTestWebHost({ secret: new Uint8Array(32).fill(1) });
    const { port, cookie } = first.web;
    await first.web.close();
    const again = await startTestWebHost({ secret: new Uint8Array(32).fill(1), port });
    const other = await startTestWebHost({ secret: new Uint8Array(32).fill(2) });
    try {
      expect(again.web.token).not.toBe(first.web.token);
      expect(again.web.cookie).toBe(cookie);
      expect((await fetch(`${other.web.origin}/session`, { headers: { Cookie: cookie.replace(String(port), String(other.web.port)) } })).status).toBe(401);
    } finally {
      await again.web.close();
      await other.web.close();
    }
  });
});
