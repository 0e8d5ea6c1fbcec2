import { existsSync } from 'node:fs';

/** Debian's Chromium (or another installed Chromium-family browser); Playwright's own download is never used. */
export const chromiumPath = (): string => {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
    (p): p is string => typeof p === 'string' && p.length > 0,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found for the end-to-end tests. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  }
  return found;
};

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
