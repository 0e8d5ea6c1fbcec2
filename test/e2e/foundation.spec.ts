import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { test, expect } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { LoginPage } from './pages/login-page';
import { AuditPage } from './pages/audit-page';

const rawText = (d: RawData): string => (Buffer.isBuffer(d) ? d.toString('utf8') : Array.isArray(d) ? Buffer.concat(d).toString('utf8') : Buffer.from(d).toString('utf8'));

test('first run creates the manager, who logs in, switches language, and finds everything after a reload', async ({ console: c }) => {
  const app = new ConsolePage(c.page, () => c.host);
  const login = new LoginPage(c.page);
  await app.open();
  await expect(login.firstRunForm()).toBeVisible();
  await login.createManager('王经理', '482913');
  await expect(app.operatorBadge()).toContainText('王经理');
  await expect(app.operatorBadge()).toContainText('主管');

  await app.switchLanguage();
  await expect(app.operatorBadge()).toContainText('Manager');
  await expect(app.nav('about')).toHaveText('About');
  await c.page.screenshot({ path: 'test-results/screens/shell-en.png' });

  await c.page.reload();
  await expect(login.form()).toBeVisible();
  await expect(c.page.getByText('Sign in').first()).toBeVisible();
  await login.login('王经理', '482913');
  await expect(app.operatorBadge()).toContainText('Manager');

  await app.switchLanguage();
  await expect(app.nav('about')).toHaveText('关于');
  await c.page.screenshot({ path: 'test-results/screens/shell-zh-CN.png' });

  // Main locks the session after 15 idle minutes (its clock moved on, not 15 real minutes);
  // the page's lock screen follows main.
  c.advanceHostClock(15.5 * 60_000);
  await expect(login.lockScreen()).toBeVisible({ timeout: 15_000 });
  await expect(login.lockScreen()).toContainText('15');
  await login.login('王经理', '482913');
  await expect(app.operatorBadge()).toBeVisible();
});

test('a wrong PIN is refused and audited, and the audit chain verifies', async ({ console: c }) => {
  const app = new ConsolePage(c.page, () => c.host);
  const login = new LoginPage(c.page);
  await app.open();
  await login.createManager('Lee', '246813');
  await expect(app.operatorBadge()).toBeVisible();
  await app.lockButton().click();
  await expect(login.lockScreen()).toBeVisible();
  await login.login('Lee', '000000');
  await expect(login.error()).toBeVisible();
  await login.login('Lee', '246813');
  await expect(app.operatorBadge()).toBeVisible();

  const audit = new AuditPage(c.page);
  await app.goTo('audit');
  const failedUnlock = audit.rows().and(c.page.locator('[data-action="unlock"][data-result="fail"]'));
  await expect(failedUnlock).toHaveCount(1);
  // In words, not codes: 解锁 / 失败, and the operator object by name.
  await expect(failedUnlock).toContainText('解锁');
  await expect(failedUnlock).toContainText('失败');
  await expect(failedUnlock).toContainText('Lee');
  await audit.verify();
  await expect(audit.verifyResult()).toHaveAttribute('data-ok', 'true');
});

test('the browser host refuses a WebSocket without the session cookie, for another Host or from another origin', async ({ console: c }) => {
  const { origin, port, token, cookie } = c.host.web;
  const attempt = (url: string, headers: Record<string, string>) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(url, { headers });
      ws.on('open', () => {
        resolve('open');
        ws.close();
      });
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', () => resolve('error'));
    });
  const ws = `ws://127.0.0.1:${port}/ws`;
  expect(await attempt(ws, { Origin: origin })).toBe('401');
  // The token alone no longer opens the socket: it is only exchanged for the cookie.
  expect(await attempt(`${ws}?token=${token}`, { Origin: origin })).toBe('401');
  expect(await attempt(ws, { Origin: origin, Cookie: `${cookie.split('=')[0]}=stale` })).toBe('401');
  expect(await attempt(ws, { Origin: 'http://evil.example', Cookie: cookie })).toBe('403');
  expect(await attempt(ws, { Origin: origin, Cookie: cookie, Host: `evil.example:${port}` })).toBe('403');
  expect(await attempt(ws, { Origin: origin, Cookie: cookie })).toBe('open');
});

test('garbage, oversized and unknown messages are refused without taking the host down', async ({ console: c }) => {
  const { origin, port, cookie } = c.host.web;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: origin, Cookie: cookie } });
  await new Promise((r) => ws.once('open', r));
  type Answer = { id: unknown; envelope: { ok: boolean; error?: { code: string; field?: string } } };
  // The next answer; pushed events (main journals each refusal, and says so) are skipped.
  const next = () =>
    new Promise<Answer>((r) => {
      const on = (d: RawData): void => {
        const m = JSON.parse(rawText(d)) as Answer & { event?: string };
        if (m.event) return;
        ws.off('message', on);
        r(m);
      };
      ws.on('message', on);
    });
  ws.send('not json{');
  expect((await next()).envelope.error?.code).toBe('MALFORMED_MESSAGE');
  ws.send(JSON.stringify({ id: 1, command: 'nope:nothing', payload: {} }));
  expect((await next()).envelope.error?.code).toBe('UNKNOWN_COMMAND');
  ws.send(JSON.stringify({ id: 2, command: 'settings:set-language', payload: { language: 'fr' } }));
  const invalid = await next();
  expect(invalid.envelope.error?.code).toBe('VALIDATION');
  expect(invalid.envelope.error?.field).toBe('language');
  // The launch token is not a session: a manager's command is refused before its payload is read.
  ws.send(JSON.stringify({ id: 4, command: 'settings:set', payload: { patch: { general: { idleLockMinutes: 'soon' } } } }));
  expect((await next()).envelope.error?.code).toBe('FORBIDDEN_ROLE');
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  ws.send('x'.repeat(3 * 1024 * 1024));
  expect(await closed).toBe(1009);
  // The host still serves a new connection, and the settings were not changed.
  const ws2 = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { Origin: origin, Cookie: cookie } });
  await new Promise((r) => ws2.once('open', r));
  ws2.send(JSON.stringify({ id: 3, command: 'settings:get', payload: {} }));
  const settings = await new Promise<{ envelope: { ok: boolean; value: { general: { idleLockMinutes: number } } } }>((r) => ws2.once('message', (d: RawData) => r(JSON.parse(rawText(d)) as never)));
  expect(settings.envelope.value.general.idleLockMinutes).toBe(15);
  ws2.close();
});
