import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUpdateFeed, readUpdateFeed } from './update-feed';

describe('update feed (app-update.yml)', () => {
  it('reads a generic https feed and the Windows publisher names electron-builder wrote', () => {
    const signed = 'provider: generic\nurl: https://updates.example.cn/countersign\nchannel: latest\npublisherName:\n  - Example Retail Systems Co., Ltd.\nupdaterCacheDirName: countersign-updater\n';
    expect(parseUpdateFeed(signed)).toEqual({ kind: 'generic', url: 'https://updates.example.cn/countersign', publisherNames: ['Example Retail Systems Co., Ltd.'] });
    expect(parseUpdateFeed('provider: generic\nurl: https://u.example.cn/c\npublisherName: CN=Shop\n')).toEqual({ kind: 'generic', url: 'https://u.example.cn/c', publisherNames: ['CN=Shop'] });
  });

  it('has no publisher names for an unsigned build', () => {
    expect(parseUpdateFeed('provider: generic\nurl: https://u.example.cn/c\n')).toEqual({ kind: 'generic', url: 'https://u.example.cn/c', publisherNames: [] });
  });

  it('refuses a feed that is not generic, not https or not YAML, saying why', () => {
    expect(parseUpdateFeed('provider: github\nowner: x\nrepo: y\n')).toEqual({ kind: 'invalid', problem: 'provider is github, not generic' });
    expect(parseUpdateFeed('provider: generic\nurl: http://u.example.cn/c\n')).toEqual({ kind: 'invalid', problem: 'url is not https' });
    expect(parseUpdateFeed('provider: generic\n')).toEqual({ kind: 'invalid', problem: 'no url' });
    expect(parseUpdateFeed('provider: generic\nurl: "::"\n')).toEqual({ kind: 'invalid', problem: 'url is not a URL' });
    expect(parseUpdateFeed('provider: [generic\n')).toEqual({ kind: 'invalid', problem: 'not valid YAML' });
    expect(parseUpdateFeed('- generic\n')).toEqual({ kind: 'invalid', problem: 'not a mapping' });
  });

  it('is none when the build has no app-update.yml (no feed configured)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-'));
    expect(readUpdateFeed(join(dir, 'app-update.yml'))).toEqual({ kind: 'none' });
    writeFileSync(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://u.example.cn/c\n');
    expect(readUpdateFeed(join(dir, 'app-update.yml')).kind).toBe('generic');
    expect(readUpdateFeed(dir).kind).toBe('invalid');
  });
});
