import { defineConfig } from '@playwright/test';

/** The desktop app itself, through Playwright's Electron support; run by `npm test` where the Electron runtime is installed. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../../test-results/e2e-electron.json' }]],
  outputDir: '../../test-results/e2e-electron-artifacts',
  use: { trace: 'off', screenshot: 'off' },
});
