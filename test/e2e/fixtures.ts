import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import type { SettingsPatch } from '../../shared/domain/settings';
import { launchBrowserHost } from '../../electron/web-host/launch';
import type { BrowserHost } from '../../electron/web-host/launch';
import type { TrafficRecord } from '../../electron/web-host/ws-transport';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';

export interface ConsoleFixture {
  host: BrowserHost;
  context: BrowserContext;
  page: Page;
  /** A fresh data folder and a fresh Chromium profile, so every test is a first run. */
  dataDir: string;
  profileDir: string;
  /** Stops and restarts the host on the same data folder and port (a crash or restart of main). */
  restartHost(): Promise<void>;
  /** Every WebSocket message in and out, as sent (the traffic recording the sentinel scans read). */
  traffic: string[];
  /** Moves main's clock on (idle lock, PIN back-off) without waiting. */
  advanceHostClock(ms: number): void;
}

interface Options {
  hostSettings: SettingsPatch;
}

export const test = base.extend<Options & { console: ConsoleFixture }>({
  hostSettings: [{}, { option: true }],
  console: async ({ hostSettings }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-data-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'cs-profile-'));
    const traffic: string[] = [];
    let offset = 0;
    const hooks = { record: (m: TrafficRecord) => traffic.push(`${m.direction} ${m.connection} ${m.data}`), now: () => Date.now() + offset };
    // Port 0: a free port per test (workers run in parallel); restartHost keeps it.
    let host = await launchBrowserHost({ dataDir, port: 0, settingsOverrides: hostSettings, ...hooks });
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const fixture: ConsoleFixture = {
      get host() {
        return host;
      },
      context,
      page,
      dataDir,
      profileDir,
      restartHost: async () => {
        const { port, token } = host.web;
        await host.stop();
        host = await launchBrowserHost({ dataDir, port, settingsOverrides: hostSettings, token, ...hooks });
      },
      traffic,
      advanceHostClock: (ms: number) => {
        offset += ms;
      },
    };
    await use(fixture);
    await context.close();
    await host.stop();
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
