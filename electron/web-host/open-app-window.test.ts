import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWindowArgs, hasDisplay, needsNoSandbox, openAppWindow, writeLaunchFile } from './open-app-window';
import { startTestWebHost } from './web-host-test-support';
import type { TestWebHost } from './web-host-test-support';

/**
 * A stand-in browser (a Node script named by CHROMIUM_PATH): it writes down its arguments,
 * then does what the test asks: follows the launch file to the host as Chromium would, or
 * fails to start as Chromium does as root without --no-sandbox.
 */
const fakeBrowser = (dir: string, behaviour: 'arrive' | 'fail' | 'hang'): { path: string; argsFile: string } => {
  const path = join(dir, 'fake-browser.mjs');
  const argsFile = join(dir, 'args.json');
  writeFileSync(
    path,
    `#!${process.execPath}
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const args = process.argv.slice(2);
writeFileSync(${JSON.stringify(argsFile)}, JSON.stringify(args));
const behaviour = ${JSON.stringify(behaviour)};
if (behaviour === 'fail') {
  process.stderr.write('[1:1:ERROR:zygote_host_impl_linux.cc(127)] Running as root without --no-sandbox is not supported.\\n');
  process.exit(1);
}
if (behaviour === 'arrive') {
  const page = readFileSync(fileURLToPath(args.find((a) => a.startsWith('--app=')).slice(6)), 'utf8');
  const target = /url=([^"]+)"/.exec(page)[1].replace(/&amp;/g, '&');
  await fetch(target, { redirect: 'manual' });
}
setTimeout(() => undefined, behaviour === 'hang' ? 5000 : 10);
`,
  );
  chmodSync(path, 0o755);
  return { path, argsFile };
};

let host: TestWebHost;
let dir = '';
const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, DISPLAY: process.env.DISPLAY };
beforeEach(async () => {
  host = await startTestWebHost();
  dir = mkdtempSync(join(tmpdir(), 'cs-window-'));
  process.env.DISPLAY = ':99';
});
afterEach(async () => {
  await host.web.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('opening the console in an app window', () => {
  it.skipIf(process.platform === 'win32')('says opened only once the window reached the host; the token is never on the browser command line', async () => {
    const fake = fakeBrowser(dir, 'arrive');
    process.env.CHROMIUM_PATH = fake.path;
    const result = await openAppWindow(host.web, dir, 10_000);
    expect(result.kind).toBe('opened');
    const args = JSON.parse(readFileSync(fake.argsFile, 'utf8')) as string[];
    expect(args.join(' ')).not.toContain(host.web.token);
    expect(args).toContain(`--user-data-dir=${join(dir, 'browser-profile')}`);
    // The launch file has done its job and is gone.
    expect(readdirSync(join(dir, 'launch'))).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('reports a browser that could not start, with what it said, instead of "opened"', async () => {
    process.env.CHROMIUM_PATH = fakeBrowser(dir, 'fail').path;
    const result = await openAppWindow(host.web, dir, 10_000);
    expect(result).toMatchObject({ kind: 'failed' });
    expect(result.kind === 'failed' ? result.detail : '').toContain('--no-sandbox');
  });

  it.skipIf(process.platform === 'win32')('gives up after the timeout when the window never arrives', async () => {
    process.env.CHROMIUM_PATH = fakeBrowser(dir, 'hang').path;
    expect(await openAppWindow(host.web, dir, 1_500)).toMatchObject({ kind: 'timeout' });
  });

  it('writes the launch address to a file only this user can read', () => {
    const file = writeLaunchFile(dir, 'http://127.0.0.1:1/?token=abc&x=1');
    expect(readFileSync(file, 'utf8')).toContain('url=http://127.0.0.1:1/?token=abc&amp;x=1');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('turns the sandbox off only for root on Linux, and needs a display there', () => {
    expect(needsNoSandbox('linux', 0)).toBe(true);
    expect(needsNoSandbox('linux', 1000)).toBe(false);
    expect(needsNoSandbox('win32', undefined)).toBe(false);
    expect(appWindowArgs('/d/open.html', '/d/profile', true)).toContain('--no-sandbox');
    expect(appWindowArgs('/d/open.html', '/d/profile', false)).not.toContain('--no-sandbox');
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });
});
