// Finds an installed Chromium-family browser (Chrome, Edge, Chromium) for the console's app
// window and for the end-to-end tests. Playwright's own browser download is never used: it
// comes from outside the package registry, and the product should be tested in the browser
// the shop already has (Edge is on every Windows PC).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const windowsCandidates = () => {
  const roots = [process.env['PROGRAMFILES'], process.env['PROGRAMFILES(X86)'], process.env['LOCALAPPDATA']].filter(Boolean);
  return roots.flatMap((base) => [
    { name: 'Chrome', path: join(base, 'Google', 'Chrome', 'Application', 'chrome.exe') },
    { name: 'Edge', path: join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe') },
    { name: 'Chromium', path: join(base, 'Chromium', 'Application', 'chrome.exe') },
  ]);
};

const macCandidates = () =>
  ['/Applications', join(homedir(), 'Applications')].flatMap((apps) => [
    { name: 'Chrome', path: join(apps, 'Google Chrome.app', 'Contents', 'MacOS', 'Google Chrome') },
    { name: 'Edge', path: join(apps, 'Microsoft Edge.app', 'Contents', 'MacOS', 'Microsoft Edge') },
    { name: 'Chromium', path: join(apps, 'Chromium.app', 'Contents', 'MacOS', 'Chromium') },
  ]);

const linuxCandidates = () => [
  { name: 'Chromium', path: '/usr/bin/chromium' },
  { name: 'Chromium', path: '/usr/bin/chromium-browser' },
  { name: 'Chromium', path: '/snap/bin/chromium' },
  { name: 'Chrome', path: '/usr/bin/google-chrome' },
  { name: 'Chrome', path: '/usr/bin/google-chrome-stable' },
  { name: 'Edge', path: '/usr/bin/microsoft-edge' },
  { name: 'Edge', path: '/usr/bin/microsoft-edge-stable' },
];

/** Where to look, in order of preference; CHROMIUM_PATH (set by the user) comes first. */
export const browserCandidates = (platform = process.platform) => {
  const own = process.env.CHROMIUM_PATH ? [{ name: 'CHROMIUM_PATH', path: process.env.CHROMIUM_PATH }] : [];
  const byOs = platform === 'win32' ? windowsCandidates() : platform === 'darwin' ? macCandidates() : linuxCandidates();
  return [...own, ...byOs];
};

/** The first installed browser, or null. */
export const findBrowser = (platform = process.platform) => browserCandidates(platform).find((c) => existsSync(c.path)) ?? null;

/** One line naming what to install, for this OS. */
export const installHint = (platform = process.platform) =>
  platform === 'win32'
    ? 'Install Microsoft Edge or Google Chrome (Edge comes with Windows 10 and 11), or set CHROMIUM_PATH to a Chromium-family browser.'
    : platform === 'darwin'
      ? 'Install Google Chrome, Microsoft Edge or Chromium into /Applications, or set CHROMIUM_PATH to a Chromium-family browser.'
      : 'Install Chromium (Debian/Ubuntu: apt-get install chromium) or Google Chrome, or set CHROMIUM_PATH to a Chromium-family browser.';
