import { findBrowser, installHint } from '../../build/find-browser.mjs';

/**
 * The installed Chrome, Edge or Chromium the end-to-end tests drive (CHROMIUM_PATH first);
 * Playwright's own browser download is never used.
 */
export const chromiumPath = (): string => {
  const found = findBrowser();
  if (!found) throw new Error(`No Chrome, Edge or Chromium found for the end-to-end tests. ${installHint()}`);
  return found.path;
};

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
