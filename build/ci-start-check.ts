/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect as baseExpect } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { freePort, startHostProcess, waitPortFree } from '../test/host-process';
import type { HostProcess } from '../test/host-process';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';
import { CounterPage } from '../test/e2e/pages/counter-page';
import { LoginPage } from '../test/e2e/pages/login-page';

/**
 * CI's proof of the README's start command: `npm start` from this clone with a fresh data
 * folder, a manager and one training sale through the screens, stop, `npm start` again the
 * same way, and the manager and the sale are still there. The browser is Chromium on the
 * profile the app window uses (<data>/browser-profile), driven headless; the host is started
 * without a display so it prints its address instead of opening a window of its own.
 * Any failure, hang (timeouts) or forgotten record exits 1 with what went wrong.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const MANAGER = { name: '店长', pin: '135790' };
const START_TIMEOUT_MS = 300_000;
const WATCHDOG_MS = 15 * 60_000;

const ok = (line: string): void => void process.stdout.write(`  ✓ ${line}\n`);
const fail = (line: string): never => {
  throw new Error(line);
};

// Generous: CI machines are shared and a first start compiles and warms everything.
const expect = baseExpect.configure({ timeout: 30_000 });

const env = (dataDir: string, port: number | null): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, COUNTERSIGN_DATA_DIR: dataDir, COUNTERSIGN_HOST: 'browser', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  // No display: the host prints its address; this check is the browser.
  delete e.DISPLAY;
  delete e.WAYLAND_DISPLAY;
  if (port === null) delete e.COUNTERSIGN_PORT;
  else e.COUNTERSIGN_PORT = String(port);
  return e;
};

const npmStart = async (dataDir: string, port: number | null, label: string): Promise<HostProcess> => {
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const host = await startHostProcess(npm, ['start'], { cwd: repoRoot, env: env(dataDir, port), timeoutMs: START_TIMEOUT_MS });
  ok(`${label}: \`npm start\` printed the console address ${host.origin}/?token=… after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return host;
};

const tail = (host: HostProcess): string =>
  host
    .output()
    .trimEnd()
    .split('\n')
    .slice(-15)
    .map((l) => `      | ${l}`)
    .join('\n');

const stop = async (host: HostProcess, label: string): Promise<void> => {
  const how = await host.stop(30_000);
  if (how === null) fail(`${label}: the console did not stop within 30 s of SIGTERM. Its output:\n${tail(host)}`);
  if (!(await waitPortFree(host.port))) fail(`${label}: npm ended (${how}) but the console still holds port ${host.port}`);
  ok(`${label}: stopped by SIGTERM (npm: ${how}; port ${host.port} released)`);
};

const openProfile = (dataDir: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(join(dataDir, 'browser-profile'), { executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });

/**
 * Runs `steps` in Chromium on the data folder's browser profile (the app window's) while the
 * console is up; a failure is reported with the console's output, and the console is stopped
 * either way.
 */
const withConsole = async (host: HostProcess, dataDir: string, label: string, steps: (page: Page) => Promise<void>): Promise<void> => {
  try {
    const context = await openProfile(dataDir);
    try {
      await steps(context.pages()[0] ?? (await context.newPage()));
    } finally {
      await context.close();
    }
  } catch (error) {
    process.stdout.write(`  ✗ ${label}: ${error instanceof Error ? error.message : String(error)}\n    the console's output:\n${tail(host)}\n`);
    await host.stop(5_000);
    throw new Error(`${label} failed`, { cause: error });
  }
  await stop(host, label);
};

const firstStart = async (dataDir: string, port: number): Promise<void> => {
  const host = await npmStart(dataDir, port, 'first start');
  await withConsole(host, dataDir, 'first start', async (page) => {
    await page.goto(host.url);
    const login = new LoginPage(page);
    await expect(login.firstRunForm()).toBeVisible();
    ok('the first-run screen is shown on a fresh data folder');
    await login.createManager(MANAGER.name, MANAGER.pin);
    await expect(page.getByTestId('operator-badge')).toContainText(MANAGER.name);
    ok(`manager "${MANAGER.name}" created and signed in`);
    const counter = new CounterPage(page);
    await counter.approvedSale('1250', 'unionpay-debit');
    ok("training sale of ¥12.50 approved with the virtual reader's test card");
    await counter.next();
    await counter.signAndConfirm();
    await expect(counter.done()).toHaveAttribute('data-signature', 'signed');
    await expect(counter.printState('merchant')).toHaveAttribute('data-state', 'confirmed');
    ok('signed on screen, merchant copy printed on the virtual printer, sale done');
  });
};

const secondStart = async (dataDir: string, port: number): Promise<void> => {
  const host = await npmStart(dataDir, null, 'second start');
  if (host.port !== port) {
    await host.stop(5_000);
    fail(`second start: came up on port ${host.port}, not the data folder's port ${port} (a new origin would show an empty console)`);
  }
  ok(`second start: same address ${host.origin} (the data folder's port, remembered)`);
  await withConsole(host, dataDir, 'second start', async (page) => {
    // As from a bookmark: no token; the profile is still signed in by its cookie.
    await page.goto(`${host.origin}/`);
    const login = new LoginPage(page);
    await expect(login.form()).toBeVisible();
    ok('the login screen (not the first-run screen) is shown, opened without a token');
    await login.login(MANAGER.name, MANAGER.pin);
    await expect(page.getByTestId('operator-badge')).toContainText(MANAGER.name);
    ok(`manager "${MANAGER.name}" is still there and signs in with the same PIN`);
    await page.getByTestId('nav-transactions').click();
    await expect(page.getByTestId('filter-all')).toHaveAttribute('data-count', '1');
    const row = page.getByTestId('sale-row').filter({ hasText: '12.50' });
    await expect(row).toHaveCount(1);
    await row.click();
    await expect(page.getByTestId('sale-detail')).toHaveAttribute('data-signature', 'signed');
    ok('the ¥12.50 sale is still there, approved and signed');
  });
};

const main = async (): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'countersign-start-check-'));
  // A free port rather than the default 17820, which another console on this machine may hold;
  // the second start is given none and must come back on this one by itself.
  const port = await freePort();
  process.stdout.write(`Start check: the README's start command (npm start) from ${repoRoot}\n  data folder ${dataDir} (fresh), COUNTERSIGN_PORT=${port} for the first start only\n`);
  const watchdog = setTimeout(() => {
    process.stdout.write(`  ✗ the start check did not finish within ${WATCHDOG_MS / 60_000} minutes\n`);
    process.exit(1);
  }, WATCHDOG_MS);
  try {
    await firstStart(dataDir, port);
    await secondStart(dataDir, port);
    process.stdout.write('Start check passed: npm start opens the console on a fresh data folder, and after a restart the manager and the sale are still there.\n');
  } finally {
    clearTimeout(watchdog);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stdout.write(`  ✗ ${error instanceof Error ? error.message : String(error)}\nStart check FAILED.\n`);
  process.exit(1);
});
