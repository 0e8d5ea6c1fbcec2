import type { Configuration, TargetConfiguration } from 'electron-builder';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FONT_PACKAGE, reportFontPath } from '../../electron/evidence/report-font';
import { loadBuilderConfig, validateBuilderConfig } from '../../build/builder-config.mjs';

/** Target names and architectures of one platform's `target`, whichever of its shapes is used. */
const targetsOf = (target: Array<string | TargetConfiguration> | string | TargetConfiguration | null | undefined): Array<{ name: string; arch: string[] }> => {
  const list = target == null ? [] : Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? { name: t, arch: [] } : { name: t.target, arch: t.arch === undefined ? [] : Array.isArray(t.arch) ? t.arch : [t.arch] }));
};

let config: Configuration;
beforeAll(async () => {
  // electron-builder's own loader, as `npm run dist` uses it.
  config = await loadBuilderConfig(process.cwd());
}, 60_000);

// Loading electron-builder's schema takes seconds on a busy machine.
describe('electron-builder.yml', { timeout: 60_000 }, () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  it('builds an NSIS installer for Windows and a DMG plus the ZIP auto-update needs for macOS', () => {
    expect(targetsOf(config.win?.target)).toEqual([{ name: 'nsis', arch: ['x64'] }]);
    const mac = targetsOf(config.mac?.target);
    expect(mac.map((t) => t.name).sort()).toEqual(['dmg', 'zip']);
    for (const t of mac) expect(t.arch.sort()).toEqual(['arm64', 'x64']);
  });

  it('publishes to one generic feed whose URL comes from COUNTERSIGN_UPDATE_URL', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.COUNTERSIGN_UPDATE_URL}', channel: 'latest' });
  });

  it('keeps the Windows publisher check on for updates', () => {
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('sets the fuses of RULES 18: no RunAsNode, NODE_OPTIONS or inspect; ASAR integrity and ASAR-only loading', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('unpacks the native modules of node-hid, usb and serialport from the ASAR', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/node-hid/**', '**/node_modules/usb/**', '**/node_modules/@serialport/**']));
  });

  it('packs the built app from out/ with its package.json, without source maps', () => {
    const files = config.files;
    const patterns = (Array.isArray(files) ? files : [files]).flatMap((f) => (typeof f === 'string' ? [f] : f && 'filter' in f ? [f.filter ?? []].flat() : []));
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'package.json', '!**/*.map']));
  });

  it('ships only the report font’s weight: every other Noto Sans SC weight is left out of the package', () => {
    const files = config.files;
    const patterns = (Array.isArray(files) ? files : [files]).flatMap((f) => (typeof f === 'string' ? [f] : f && 'filter' in f ? [f.filter ?? []].flat() : []));
    const root = join('node_modules', REPORT_FONT_PACKAGE);
    const weights = readdirSync(root).filter((d) => /^\d00[A-Za-z]+$/.test(d));
    // The weight the report loads (report-font.ts) is the one kept.
    const used = relative(root, reportFontPath('.')).split(sep)[0];
    expect(weights).toContain('400Regular');
    for (const weight of weights) {
      const excluded = patterns.includes(`!node_modules/${REPORT_FONT_PACKAGE}/${weight}/**`);
      expect(excluded, weight).toBe(weight !== '400Regular');
    }
    expect(used).toBe('400Regular');
  });

  it('signs and notarizes from the environment only: no certificate, password or Apple account in the file', () => {
    const text = JSON.stringify(config);
    for (const secretKey of ['cscLink', 'cscKeyPassword', 'certificatePassword', 'certificateFile', 'appleId', 'appleIdPassword', 'identity']) {
      expect(text).not.toContain(`"${secretKey}"`);
    }
    expect(config.mac?.hardenedRuntime).toBe(true);
  });
});
