import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSentinel } from './card-sentinel';

const PAN = '6212345678901232';
let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sentinel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('findSentinel', () => {
  it('returns nothing for a clean folder and clean texts', () => {
    writeFileSync(join(dir, 'a.log'), 'card **** 1232 approved\n');
    expect(findSentinel({ dataDir: dir, logs: ['last4=1232'], extraTexts: ['{"bin":"621234"}'], needles: [PAN] })).toEqual([]);
  });

  it('finds a needle in a nested file, as UTF-8, UTF-16LE and hex', () => {
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    writeFileSync(join(dir, 'deep', 'er', 'plain.bin'), Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(`x${PAN}y`)]));
    writeFileSync(join(dir, 'deep', 'wide.ldb'), Buffer.from(`{"pan":"${PAN}"}`, 'utf16le'));
    writeFileSync(join(dir, 'dump.txt'), `report ${Buffer.from(`;${PAN}=`).toString('hex').toUpperCase()}`);
    const hits = findSentinel({ dataDir: dir, needles: [PAN] });
    expect(hits).toHaveLength(3);
    expect(hits.join('\n')).toMatch(/plain\.bin.*utf8/);
    expect(hits.join('\n')).toMatch(/wide\.ldb.*utf16le/);
    expect(hits.join('\n')).toMatch(/dump\.txt.*hex/);
  });

  it('searches given logs and extra texts, and never repeats the needle in its report', () => {
    const hits = findSentinel({ logs: ['ok', `pan=${PAN}`], extraTexts: [`track ;${PAN}=3012?`], needles: [PAN, `;${PAN}=`] });
    expect(hits).toEqual([`logs[1]: needle[16 chars …1232] as utf8`, `extraTexts[0]: needle[16 chars …1232] as utf8`, `extraTexts[0]: needle[18 chars …232=] as utf8`]);
    expect(hits.join('')).not.toContain(PAN);
  });

  it('searches further folders (the browser profile) the same way', () => {
    const profile = mkdtempSync(join(tmpdir(), 'sentinel-profile-'));
    try {
      mkdirSync(join(profile, 'Default', 'IndexedDB'), { recursive: true });
      writeFileSync(join(profile, 'Default', 'IndexedDB', '000003.log'), Buffer.from(`note:${PAN}`, 'utf16le'));
      expect(findSentinel({ dataDir: dir, dirs: [profile], needles: [PAN] })).toEqual([`file ${join('Default', 'IndexedDB', '000003.log')}: needle[16 chars …1232] as utf16le`]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('does not follow symbolic links out of the folder', () => {
    const outside = mkdtempSync(join(tmpdir(), 'sentinel-out-'));
    try {
      writeFileSync(join(outside, 'secret.txt'), PAN);
      symlinkSync(outside, join(dir, 'link'));
      expect(findSentinel({ dataDir: dir, needles: [PAN] })).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses an empty needle (it would match everything)', () => {
    expect(() => findSentinel({ needles: [''] })).toThrow(/empty needle/);
  });
});
