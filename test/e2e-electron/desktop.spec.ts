import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../build/electron-binary.mjs';
import { MANAGER } from '../e2e/helpers';
import { CounterPage } from '../e2e/pages/counter-page';
import { LoginPage } from '../e2e/pages/login-page';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The product itself: the built desktop app (out/main, out/preload, out/renderer) in the
 * installed Electron runtime, on a fresh user-data folder. The same page objects as the
 * browser host's tests drive it.
 */
test('the desktop app starts on the first-run screen, creates the manager and takes a training sale', async () => {
  const binary = electronBinary();
  test.skip(!binary, 'no Electron runtime installed');
  const userData = mkdtempSync(join(tmpdir(), 'cs-desktop-'));
  const rootOnLinux = process.platform === 'linux' && process.getuid?.() === 0;
  const app = await electron.launch({ executablePath: binary!, cwd: repoRoot, args: ['.', `--user-data-dir=${userData}`, ...(rootOnLinux ? ['--no-sandbox'] : [])] });
  try {
    const page = await app.firstWindow();
    const login = new LoginPage(page);
    await expect(login.firstRunForm()).toBeVisible({ timeout: 60_000 });
    await login.createManager(MANAGER.name, MANAGER.pin);
    await expect(page.getByTestId('operator-badge')).toContainText(MANAGER.name);
    const counter = new CounterPage(page);
    await counter.approvedSale('1250');
    await page.screenshot({ path: 'test-results/screens/desktop-approved.png' });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
