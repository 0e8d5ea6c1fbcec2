import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, validateBuilderConfig } from '../../build/builder-config.mjs';
import { checkFeedUrl, releaseConfig } from '../../build/release-config.mjs';

let base: Configuration;
beforeAll(async () => {
  base = await loadBuilderConfig(process.cwd());
}, 60_000);

describe('release configuration (npm run dist)', { timeout: 60_000 }, () => {
  it('without a feed URL builds an app that does not update itself, and needs no signing', async () => {
    const r = releaseConfig(base, {});
    expect(r.feedUrl).toBeNull();
    expect(r.config.publish).toBeUndefined();
    expect(r.config.forceCodeSigning).toBeUndefined();
    expect(r.config.extraMetadata).toEqual({ countersign: { flavor: 'release' } });
    expect(r.notes).toEqual(['no update feed (COUNTERSIGN_UPDATE_URL is not set): this build will not update itself']);
    await expect(validateBuilderConfig(r.config)).resolves.toBeUndefined();
  });

  it('with a feed URL writes it into the generic feed and requires a signed build', async () => {
    const r = releaseConfig(base, { COUNTERSIGN_UPDATE_URL: ' https://updates.example.cn/countersign/ ' });
    expect(r.feedUrl).toBe('https://updates.example.cn/countersign');
    expect(r.config.publish).toEqual({ provider: 'generic', url: 'https://updates.example.cn/countersign', channel: 'latest' });
    expect(r.config.forceCodeSigning).toBe(true);
    await expect(validateBuilderConfig(r.config)).resolves.toBeUndefined();
  });

  it('a training build has no feed even when one is set, goes to dist/training and says it is training', () => {
    const r = releaseConfig(base, { COUNTERSIGN_BUILD_FLAVOR: 'training', COUNTERSIGN_UPDATE_URL: 'https://updates.example.cn/countersign' });
    expect(r.flavor).toBe('training');
    expect(r.config.publish).toBeUndefined();
    expect(r.config.directories?.output).toBe('dist/training');
    expect(r.config.extraMetadata).toEqual({ countersign: { flavor: 'training' } });
  });

  it('leaves electron-builder.yml as it was', () => {
    const before = JSON.stringify(base);
    releaseConfig(base, { COUNTERSIGN_UPDATE_URL: 'https://updates.example.cn/countersign' });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('refuses a feed that is not https, holds credentials or a query, or is not a URL, saying why', () => {
    expect(() => checkFeedUrl('http://updates.example.cn/countersign')).toThrow('must be an https:// URL');
    expect(() => checkFeedUrl('https://reseller:secret@updates.example.cn/countersign')).toThrow('must not hold a user name or password');
    expect(() => checkFeedUrl('https://updates.example.cn/countersign?token=1')).toThrow('without ?query or #fragment');
    expect(() => checkFeedUrl('updates.example.cn/countersign')).toThrow('is not a URL');
    expect(() => releaseConfig(base, { COUNTERSIGN_BUILD_FLAVOR: 'beta' })).toThrow('COUNTERSIGN_BUILD_FLAVOR must be one of release, training, not "beta"');
  });

  it('is caught by electron-builder’s schema check when the configuration is broken', async () => {
    const broken = { ...releaseConfig(base, {}).config, notAnOption: true } as Configuration;
    await expect(validateBuilderConfig(broken)).rejects.toThrow(/notAnOption/);
  });
});
