/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '@playwright/test';
import { dispatchOverWs, freePort, runToEnd, signIn, startHostProcess } from '../host-process';
import type { HostProcess } from '../host-process';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { MANAGER } from './helpers';
import { CounterPage } from './pages/counter-page';
import { LoginPage } from './pages/login-page';

/**
 * The host as its own process, stopped and started again on the same data folder, with the
 * browser profile kept in that folder as `npm start`'s app window keeps it: nothing the shop
 * recorded may be missing afterwards, and the browser needs no token to get back in.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// The bundled CLI that `npm start` runs (built with the renderer before the end-to-end tests).
const cli = (dataDir: string, ...args: string[]): [string, string[]] => [process.execPath, ['out/web-host/cli.mjs', '--data-dir', dataDir, ...args]];

const startHost = (dataDir: string, ...args: string[]): Promise<HostProcess> => {
  const [command, commandArgs] = cli(dataDir, ...args);
  return startHostProcess(command, commandArgs, { cwd: repoRoot, timeoutMs: 60_000 });
};

const openProfile = (profile: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });

/** Rows per store in the console's IndexedDB, as the page sees them. */
const storeCounts = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('countersign');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const out: Record<string, number> = {};
    for (const store of ['operators', 'sales', 'audit', 'signatures']) {
      out[store] = await new Promise<number>((resolve) => {
        const q = db.transaction(store).objectStore(store).count();
        q.onsuccess = () => resolve(q.result);
      });
    }
    db.close();
    return out;
  });

test('the host process restarts on the same data folder and port; operators, sales, audit and a pending offline sale are all there', async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-restart-'));
  const profile = join(dataDir, 'browser-profile');
  const port = await freePort();
  let host = await startHost(dataDir, '--port', String(port));
  let context = await openProfile(profile);
  try {
    // First run: the manager, one signed sale, then one offline sale left pending by an outage.
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await new LoginPage(page).createManager(MANAGER.name, MANAGER.pin);
    await expect(page.getByTestId('operator-badge')).toBeVisible();
    const counter = new CounterPage(page);
    await counter.approvedSale('1250');
    await counter.next();
    await counter.signAndConfirm();
    await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
    await counter.next();

    const cookie = await signIn(host.url);
    const settings = await dispatchOverWs(host.origin, cookie, 'settings:set', { patch: { signature: { rule: 'never' }, offline: { enabled: true, allowSwiped: true } } }, { as: MANAGER });
    expect(settings.ok).toBe(true);
    expect((await dispatchOverWs(host.origin, cookie, 'acquirer:simulator', { outage: true }, { as: MANAGER })).ok).toBe(true);
    await expect(page.getByTestId('link-status')).toHaveAttribute('data-online', 'false', { timeout: 15_000 });
    await counter.typeAmount('3300');
    await counter.charge();
    await counter.swipe('unionpay-debit');
    await expect(counter.result()).toHaveAttribute('data-outcome', 'offline');
    await counter.next();
    await counter.next();
    const before = await storeCounts(page);
    expect(before).toMatchObject({ operators: 1, sales: 2 });
    expect(before.audit).toBeGreaterThan(3);

    // Everything stops: the browser window and the host process.
    await context.close();
    expect(await host.stop()).toBe('exit 0');

    // Started again without --port: the data folder's port comes back, and with it the origin.
    host = await startHost(dataDir);
    expect(host.port).toBe(port);
    context = await openProfile(profile);
    page = context.pages()[0] ?? (await context.newPage());
    // A bookmark of the console, no token: the browser is still signed in by its cookie.
    await page.goto(`${host.origin}/`);
    const login = new LoginPage(page);
    await expect(login.form()).toBeVisible();
    await login.login(MANAGER.name, MANAGER.pin);
    await expect(page.getByTestId('operator-badge')).toContainText(MANAGER.name);
    const after = await storeCounts(page);
    // The sign-in after the restart adds audit entries; none of the earlier ones is missing.
    expect(after).toMatchObject({ operators: before.operators, sales: before.sales, signatures: before.signatures });
    expect(after.audit).toBeGreaterThan(before.audit!);

    await page.getByTestId('nav-transactions').click();
    await expect(page.getByTestId('filter-all')).toHaveAttribute('data-count', '2');
    await expect(page.getByTestId('filter-offline-pending')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('sale-row').filter({ hasText: '12.50' })).toHaveCount(1);
    // The first run asked the browser to keep these records; the answer is on the About page.
    await page.getByTestId('nav-about').click();
    await expect(page.getByTestId('about-persist-requested')).toHaveText(/^(已授予|被拒绝|此浏览器不支持)（.+）$/);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verify-result')).toHaveAttribute('data-ok', 'true');

    // The sealed card of the pending sale survived too: the host comes back and it is forwarded.
    expect((await dispatchOverWs(host.origin, await signIn(host.url), 'acquirer:simulator', { outage: false }, { as: MANAGER })).ok).toBe(true);
    await expect(page.getByTestId('forwarded-notice')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('nav-transactions').click();
    await expect(page.getByTestId('filter-offline-pending')).toHaveAttribute('data-count', '0');
  } finally {
    await context.close();
    await host.stop();
  }

  // Asked for another port, the same data folder refuses to start empty and says what to do.
  const other = await freePort();
  const [command, args] = cli(dataDir, '--port', String(other));
  const refused = await runToEnd(command, args, { cwd: repoRoot, timeoutMs: 60_000 });
  expect(refused.code).toBe(1);
  expect(refused.output).toContain(`records were made at http://127.0.0.1:${port}`);
  expect(refused.output).not.toContain('Open:');
  rmSync(dataDir, { recursive: true, force: true });
});

test('an address with an earlier launch token, or none, shows how to open the console instead of spinning', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-stale-'));
  const first = await startHost(dataDir, '--port', '0');
  const staleUrl = first.url;
  expect(await first.stop()).toBe('exit 0');
  let host = await startHost(dataDir, '--port', String(first.port));
  const context = await openProfile(mkdtempSync(join(tmpdir(), 'cs-stale-profile-')));
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(staleUrl);
    const explain = page.getByTestId('host-explain');
    await expect(explain).toHaveAttribute('data-reason', 'stale');
    await expect(explain).toContainText('npm start');
    await expect(explain).toContainText('启动令牌');
    await page.screenshot({ path: 'test-results/screens/host-explain-stale.png' });
    await page.goto(`${host.origin}/`);
    await expect(explain).toHaveAttribute('data-reason', 'missing');
    // The current address signs this browser in; the token is gone from the address bar.
    await page.goto(host.url);
    await expect(page.getByTestId('first-run')).toBeVisible();
    expect(page.url()).toBe(`${host.origin}/`);

    // The host forgets every sign-in (its session key deleted) while the console is open: the
    // page does not spin on "connecting" but shows how to open the console.
    expect(await host.stop()).toBe('exit 0');
    rmSync(join(dataDir, 'keys', 'web-session.key'));
    host = await startHost(dataDir);
    await expect(explain).toHaveAttribute('data-reason', 'missing', { timeout: 30_000 });
  } finally {
    await context.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
