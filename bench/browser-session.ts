import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { SettingsPatch } from '../shared/domain/settings';
import { launchBrowserHost } from '../electron/web-host/launch';
import type { BrowserHost } from '../electron/web-host/launch';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';

/** A browser host and a Chromium on a profile of its own; `relaunch` starts Chromium again on that profile. */
export interface BrowserSession {
  host: BrowserHost;
  page: Page;
  /** After the browser was lost mid-run: a new Chromium on the same profile, so IndexedDB is still there. */
  relaunch(): Promise<Page>;
}

/** Runs `fn` with a fresh browser host and a fresh Chromium profile, cleaning both up after. */
export const withBrowserSession = async <T>(fn: (session: BrowserSession) => Promise<T>, settings: SettingsPatch = {}, extraArgs: readonly string[] = []): Promise<T> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'cs-bench-profile-'));
  const host = await launchBrowserHost({ dataDir, port: 0, settingsOverrides: settings });
  const launch = () => chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs], headless: true, viewport: { width: 1280, height: 900 } });
  let context = await launch();
  const session: BrowserSession = {
    host,
    page: context.pages()[0] ?? (await context.newPage()),
    relaunch: async () => {
      await context.close().catch(() => undefined);
      context = await launch();
      session.page = context.pages()[0] ?? (await context.newPage());
      return session.page;
    },
  };
  try {
    return await fn(session);
  } finally {
    await context.close();
    await host.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** Runs `fn` with a fresh browser host and a fresh Chromium profile, cleaning both up after. */
export const withBrowserHost = <T>(fn: (page: Page, host: BrowserHost) => Promise<T>, settings: SettingsPatch = {}, extraArgs: readonly string[] = []): Promise<T> =>
  withBrowserSession((s) => fn(s.page, s.host), settings, extraArgs);

/** Signs the page's browser in (the launch token for the cookie) and opens the benchmark page. */
export const openBenchPage = async (page: Page, host: BrowserHost): Promise<void> => {
  await page.goto(host.web.url);
  await page.goto(`${host.web.origin}/bench.html`);
  await page.waitForFunction(() => (globalThis as { countersignBench?: unknown }).countersignBench !== undefined);
};

/** First run: create the manager and wait for the shell. */
export const firstRun = async (page: Page, host: BrowserHost, pin = '482913'): Promise<void> => {
  await page.goto(host.web.url);
  await page.getByTestId('first-run-name').fill('Bench');
  await page.getByTestId('first-run-pin').fill(pin);
  await page.getByTestId('first-run-pin-confirm').fill(pin);
  await page.getByTestId('first-run-submit').click();
  await page.getByTestId('operator-badge').waitFor();
};
