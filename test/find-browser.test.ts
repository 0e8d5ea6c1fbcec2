import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, installHint } from '../build/find-browser.mjs';

const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PROGRAMFILES: process.env.PROGRAMFILES, 'PROGRAMFILES(X86)': process.env['PROGRAMFILES(X86)'] };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('finding a browser for the app window and the tests', () => {
  it('looks for Chrome, Edge and Chromium on Windows, where Edge is always installed', () => {
    process.env.PROGRAMFILES = 'C:\\Program Files';
    process.env['PROGRAMFILES(X86)'] = 'C:\\Program Files (x86)';
    const names = browserCandidates('win32').map((c) => `${c.name} ${c.path}`);
    expect(names.some((n) => n.startsWith('Edge') && n.includes('msedge.exe'))).toBe(true);
    expect(names.some((n) => n.startsWith('Chrome') && n.includes('chrome.exe'))).toBe(true);
    expect(installHint('win32')).toMatch(/Edge/);
  });

  it('looks in /Applications on macOS and the usual paths on Linux', () => {
    expect(browserCandidates('darwin').some((c) => c.path.startsWith('/Applications/Google Chrome.app'))).toBe(true);
    expect(browserCandidates('linux').map((c) => c.path)).toEqual(expect.arrayContaining(['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge']));
    expect(installHint('linux')).toMatch(/apt-get install chromium/);
  });

  it('takes CHROMIUM_PATH first when it names an installed browser', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-browser-'));
    const path = join(dir, 'my-chrome');
    writeFileSync(path, '');
    chmodSync(path, 0o755);
    process.env.CHROMIUM_PATH = path;
    expect(findBrowser()).toEqual({ name: 'CHROMIUM_PATH', path });
  });
});
