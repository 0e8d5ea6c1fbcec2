import { describe, expect, it } from 'vitest';
import { buildUpdateGate, decideCheck, decideInstallAtQuit } from './update-policy';
import type { BuildFacts } from './update-policy';
import type { UpdateFeed } from './update-feed';

const signedFeed: Extract<UpdateFeed, { kind: 'generic' }> = { kind: 'generic', url: 'https://u.example.cn/c', publisherNames: ['Example Retail Systems Co., Ltd.'] };
const release: BuildFacts = { packaged: true, flavor: 'release', platform: 'win32', feed: signedFeed };

describe('which builds update themselves', () => {
  it('a packaged, signed release build with a generic feed on Windows or macOS', () => {
    expect(buildUpdateGate(release)).toBeNull();
    expect(buildUpdateGate({ ...release, platform: 'darwin' })).toBeNull();
    // Squirrel.Mac checks the code signature itself; app-update.yml names no publisher on macOS.
    expect(buildUpdateGate({ ...release, platform: 'darwin', feed: { ...signedFeed, publisherNames: [] } })).toBeNull();
  });

  it('never development, training builds, Linux, or builds without a usable feed', () => {
    expect(buildUpdateGate({ ...release, packaged: false })).toBe('not-packaged');
    expect(buildUpdateGate({ ...release, flavor: 'training' })).toBe('training-build');
    expect(buildUpdateGate({ ...release, platform: 'linux' })).toBe('unsupported-platform');
    expect(buildUpdateGate({ ...release, feed: { kind: 'none' } })).toBe('no-feed');
    expect(buildUpdateGate({ ...release, feed: { kind: 'invalid', problem: 'url is not https' } })).toBe('invalid-feed');
  });

  it('never an unsigned Windows build, whose installers electron-updater would not verify', () => {
    expect(buildUpdateGate({ ...release, feed: { ...signedFeed, publisherNames: [] } })).toBe('unsigned-build');
  });
});

describe('when to check', () => {
  it('checks when the counter is live and idle', () => {
    expect(decideCheck({ trainingMode: false, busy: null })).toEqual({ action: 'check' });
  });

  it('skips in training mode and waits while a sale step is in flight', () => {
    expect(decideCheck({ trainingMode: true, busy: null })).toEqual({ action: 'skip', reason: 'training-mode' });
    expect(decideCheck({ trainingMode: true, busy: 'card-held' })).toEqual({ action: 'skip', reason: 'training-mode' });
    expect(decideCheck({ trainingMode: false, busy: 'acquirer:authorize' })).toEqual({ action: 'defer', reason: 'acquirer:authorize' });
  });
});

describe('when to install', () => {
  it('installs a downloaded update when the app quits with the counter idle', () => {
    expect(decideInstallAtQuit({ downloaded: true, trainingMode: false, busy: null })).toEqual({ install: true });
  });

  it('holds it while a sale step is in flight or the console is in training mode, and has nothing to do without a download', () => {
    expect(decideInstallAtQuit({ downloaded: true, trainingMode: false, busy: 'card-held' })).toEqual({ install: false, reason: 'card-held' });
    expect(decideInstallAtQuit({ downloaded: true, trainingMode: false, busy: 'acquirer:reverse' })).toEqual({ install: false, reason: 'acquirer:reverse' });
    expect(decideInstallAtQuit({ downloaded: true, trainingMode: true, busy: null })).toEqual({ install: false, reason: 'training-mode' });
    expect(decideInstallAtQuit({ downloaded: false, trainingMode: false, busy: null })).toEqual({ install: false, reason: 'nothing-downloaded' });
  });
});
