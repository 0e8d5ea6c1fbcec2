import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findBrowser } from '../../build/find-browser.mjs';
import { browserProfileDir } from './launch';
import type { WebHost } from './server';

export type AppWindowResult =
  | { kind: 'opened'; browser: string; sandboxOff: boolean }
  | { kind: 'no-browser' }
  | { kind: 'no-display' }
  | { kind: 'failed'; browser: string; detail: string }
  | { kind: 'timeout'; browser: string; seconds: number };

/** Chromium refuses to start as root unless its sandbox is off (e.g. a root session under Xvfb). */
export const needsNoSandbox = (platform: NodeJS.Platform = process.platform, uid: number | undefined = process.getuid?.()): boolean => platform === 'linux' && uid === 0;

export const hasDisplay = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean =>
  platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

/**
 * A page in the data folder (readable by this user only) that sends the browser on to the
 * launch address. The token is never on the browser's command line, where any user of the
 * PC can read it (ps, /proc/<pid>/cmdline); only this file's path is.
 */
export const writeLaunchFile = (dataDir: string, launchUrl: string): string => {
  const dir = join(dataDir, 'launch');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `open-${randomBytes(6).toString('hex')}.html`);
  const target = launchUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${target}"><title>Countersign</title>\n`, { mode: 0o600 });
  return file;
};

export const appWindowArgs = (launchFile: string, profile: string, noSandbox: boolean): string[] => [
  `--app=${pathToFileURL(launchFile).href}`,
  `--user-data-dir=${profile}`,
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  ...(noSandbox ? ['--no-sandbox'] : []),
];

const readTail = (file: string): string => {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
};

/** The last line the browser wrote to stderr that says something, for the failure message. */
const lastLine = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .pop()
    ?.slice(0, 300) ?? '';

/**
 * Opens the console in an installed Chrome, Edge or Chromium in app mode (no tabs, no address
 * bar), with its profile in the data folder so the records are there on every start. Says
 * "opened" only when the window has actually reached the host (it exchanged the token); a
 * browser that exits with an error, or never arrives, is reported with what it said.
 */
export const openAppWindow = async (web: WebHost, dataDir: string, timeoutMs = 30_000): Promise<AppWindowResult> => {
  const found = findBrowser();
  if (!found) return { kind: 'no-browser' };
  if (!hasDisplay()) return { kind: 'no-display' };
  const browser = found.path;
  const profile = browserProfileDir(dataDir);
  mkdirSync(profile, { recursive: true, mode: 0o700 });
  const launchFile = writeLaunchFile(dataDir, web.url);
  const sandboxOff = needsNoSandbox();
  // The browser's own messages go to a log in the data folder (a pipe to this process would
  // break when the host stops while the window stays open); its tail explains a failed start.
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'app-window.log');
  const log = openSync(logFile, 'w', 0o600);
  let stopWatching = (): void => undefined;
  const result = await new Promise<AppWindowResult>((settle) => {
    const child = spawn(browser, appWindowArgs(launchFile, profile, sandboxOff), { detached: true, stdio: ['ignore', 'ignore', log] });
    const timer = setTimeout(() => settle({ kind: 'timeout', browser, seconds: Math.round(timeoutMs / 1000) }), timeoutMs);
    const unsubscribe = web.onSignIn(() => settle({ kind: 'opened', browser, sandboxOff }));
    child.on('error', (error) => settle({ kind: 'failed', browser, detail: error.message }));
    // Exit 0 before arriving: the address went to a browser already running on this profile,
    // whose new window will arrive; anything else is a browser that could not start.
    child.on('exit', (code, signal) => {
      if (code !== 0) settle({ kind: 'failed', browser, detail: lastLine(readTail(logFile)) || `exited with ${signal ?? `code ${String(code)}`}` });
    });
    child.unref();
    stopWatching = () => {
      clearTimeout(timer);
      unsubscribe();
    };
  });
  stopWatching();
  closeSync(log);
  rmSync(launchFile, { force: true });
  return result;
};
