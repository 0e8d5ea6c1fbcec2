import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { SettingsPatch } from '../shared/domain/settings';
import { launchBrowserHost } from '../electron/web-host/launch';
import type { BrowserHost } from '../electron/web-host/launch';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/chromium';

/** Runs `fn` with a fresh browser host and a fresh Chromium profile, cleaning both up after. */
export const withBrowserHost = async <T>(fn: (page: Page, host: BrowserHost) => Promise<T>, settings: SettingsPatch = {}, extraArgs: readonly string[] = []): Promise<T> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-bench-'));
  const profile = mkdtempSync(join(tmpdir(), 'cs-bench-profile-'));
  const host = await launchBrowserHost({ dataDir, settingsOverrides: settings });
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs], headless: true, viewport: { width: 1280, height: 900 } });
  try {
    return await fn(context.pages()[0] ?? (await context.newPage()), host);
  } finally {
    await context.close();
    await host.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
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
