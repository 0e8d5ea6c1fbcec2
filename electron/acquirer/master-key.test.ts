import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../shared/ipc/envelope';
import { createFileLogger } from '../services/logger';
import type { SecretStore } from '../services/platform';
import { KeyFileSecretStore } from '../web-host/key-file-secrets';
import { TEST_TMK } from './iso8583/mac';
import { MasterKeyError, confirmKcv, kcvOf, parseKcv, parseMasterKey } from './master-key-check';
import { MASTER_KEY_FILE, MasterKeyStore, asCommandError } from './master-key';
import { OTHER_TMK_HEX, SAMPLE_TMK_HEX, findKey, tmkBytes } from '../../test/master-key-test-support';

const KEY_HEX = SAMPLE_TMK_HEX;
const KEY = tmkBytes(KEY_HEX);

const reasonOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof MasterKeyError ? error.reason : `not a MasterKeyError: ${String(error)}`;
  }
};

const tempDir = () => mkdtempSync(join(tmpdir(), 'cs-tmk-'));

const openStore = (dataDir: string, secrets: SecretStore = new KeyFileSecretStore(dataDir)) => {
  const logger = createFileLogger(dataDir);
  return MasterKeyStore.open({ secrets, dataDir, logger, now: () => new Date('2025-03-04T05:06:07.000Z') }).then((store) => ({ store, logFile: logger.file }));
};

describe('parseMasterKey: what a typed terminal master key must be', () => {
  it('accepts 32 hex digits in either case, with spaces or hyphens between groups', () => {
    expect(parseMasterKey(KEY_HEX)).toEqual(KEY);
    expect(parseMasterKey(KEY_HEX.toLowerCase())).toEqual(KEY);
    expect(parseMasterKey('3D8F 1A6C 0B7E 5294 C1F6 A83E 7D2B 9045')).toEqual(KEY);
    expect(parseMasterKey('3D8F1A6C-0B7E5294-C1F6A83E-7D2B9045')).toEqual(KEY);
  });

  it('accepts a legacy single-length key (16 digits) and refuses 24-byte, odd and non-hex input as format', () => {
    expect(parseMasterKey('3D8F1A6C0B7E5294')).toHaveLength(8);
    expect(reasonOf(() => parseMasterKey(`${KEY_HEX}0123456789ABCDEF`))).toBe('master-key-format');
    expect(reasonOf(() => parseMasterKey(KEY_HEX.slice(0, 31)))).toBe('master-key-format');
    expect(reasonOf(() => parseMasterKey(`${KEY_HEX.slice(0, 31)}G`))).toBe('master-key-format');
    expect(reasonOf(() => parseMasterKey(''))).toBe('master-key-format');
  });

  it('refuses all-zero, one repeated byte, DES weak and semi-weak halves, equal halves', () => {
    for (const weak of [
      '0'.repeat(32),
      'F'.repeat(32),
      '11'.repeat(16),
      '0'.repeat(16),
      '0101010101010101C1F6A83E7D2B9045', // weak first half
      '3D8F1A6C0B7E52941F1F1F1F0E0E0E0E', // weak second half
      '3D8F1A6C0B7E52941E1E1E1E0F0F0F0F', // the same weak key without parity bits
      '01FE01FE01FE01FEC1F6A83E7D2B9045', // semi-weak
      '3D8F1A6C0B7E52943D8F1A6C0B7E5294', // K1 = K2: single DES
      '3C8E1B6D0A7F5395 3D8F1A6C0B7E5294', // K1 = K2 once parity bits are ignored
    ]) {
      expect(reasonOf(() => parseMasterKey(weak)), weak).toBe('master-key-weak');
    }
  });

  it('refuses the built-in test key with its own reason', () => {
    expect(reasonOf(() => parseMasterKey(Buffer.from(TEST_TMK).toString('hex')))).toBe('master-key-is-test');
  });
});

describe('key check value', () => {
  it('is the first 3 bytes of 3DES(zero block), upper-case hex (ANSI X9 test key → 08D7B4)', () => {
    expect(kcvOf(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'))).toBe('08D7B4');
    expect(kcvOf(KEY)).toMatch(/^[0-9A-F]{6}$/);
  });

  it('does not see a difference in parity bits only (DES ignores them): same key, same KCV', () => {
    const parityFlipped = Uint8Array.from(KEY, (b, i) => (i === 15 ? b ^ 1 : b));
    expect(kcvOf(parityFlipped)).toBe(kcvOf(KEY));
    expect(() => confirmKcv(parityFlipped, kcvOf(KEY))).not.toThrow();
  });

  it('confirms 6 or 8 typed digits in any case, and names a mismatch or a malformed value', () => {
    const kcv = kcvOf(KEY);
    expect(() => confirmKcv(KEY, kcv.toLowerCase())).not.toThrow();
    expect(reasonOf(() => confirmKcv(KEY, kcv === '000000' ? '000001' : '000000'))).toBe('master-key-kcv-mismatch');
    expect(reasonOf(() => confirmKcv(KEY, `${kcv}GG`))).toBe('master-key-kcv-format');
    expect(reasonOf(() => parseKcv('12345'))).toBe('master-key-kcv-format');
    expect(parseKcv('ab cd ef 01')).toBe('ABCDEF01');
  });
});

describe('MasterKeyStore: the TMK at rest through the secret store', () => {
  it('starts on the test key, loads a key (KCV confirmed), and keeps it across a restart', async () => {
    const dataDir = tempDir();
    const first = await openStore(dataDir);
    expect(first.store.status()).toEqual({ source: 'test', kcv: kcvOf(TEST_TMK), loadedAt: null, unreadable: false, protectedByOs: false });
    expect(first.store.key).toEqual(TEST_TMK);

    const loaded = await first.store.load(KEY_HEX.toLowerCase(), kcvOf(KEY));
    expect(loaded).toEqual({ source: 'loaded', kcv: kcvOf(KEY), loadedAt: '2025-03-04T05:06:07.000Z', unreadable: false, protectedByOs: false });
    expect(first.store.key).toEqual(KEY);
    expect(JSON.stringify(loaded)).not.toContain(KEY_HEX.slice(0, 8));

    const again = await openStore(dataDir);
    expect(again.store.status()).toEqual(loaded);
    expect(again.store.key).toEqual(KEY);
  });

  it('never writes a key in clear: not in the data folder (key file, wrapped key, log) in any form', async () => {
    const dataDir = tempDir();
    const { store, logFile } = await openStore(dataDir);
    await store.load(KEY_HEX, kcvOf(KEY));
    await store.load(OTHER_TMK_HEX);
    await store.load(OTHER_TMK_HEX, '000000').catch(() => undefined);
    const logs = readFileSync(logFile, 'utf8');
    expect(logs).toContain('acquirer.master-key-loaded');
    expect(logs).toContain(kcvOf(KEY));
    expect(findKey(KEY, { dataDir })).toEqual([]);
    expect(findKey(tmkBytes(OTHER_TMK_HEX), { dataDir })).toEqual([]);
    // The scan itself finds a key where there is one.
    expect(findKey(KEY, { texts: [`x${KEY_HEX.toLowerCase()}x`] })).toHaveLength(1);
  });

  it('a refused key or check value changes nothing: the loaded key stays', async () => {
    const dataDir = tempDir();
    const { store } = await openStore(dataDir);
    await store.load(KEY_HEX);
    const before = readFileSync(join(dataDir, MASTER_KEY_FILE), 'utf8');
    await expect(store.load('0123456789ABCDEFFEDCBA9876543210', '000000')).rejects.toMatchObject({ reason: 'master-key-kcv-mismatch' });
    await expect(store.load('00'.repeat(16))).rejects.toMatchObject({ reason: 'master-key-weak' });
    expect(store.status()).toMatchObject({ source: 'loaded', kcv: kcvOf(KEY) });
    expect(readFileSync(join(dataDir, MASTER_KEY_FILE), 'utf8')).toBe(before);
  });

  it('a secret store that refuses answers STORAGE / master-key-store and stores nothing', async () => {
    const dataDir = tempDir();
    const refusing: SecretStore = { protectedByOs: true, getOrCreate: () => Promise.reject(new Error('OS secret storage is not available')), list: () => Promise.resolve([]) };
    const { store } = await openStore(dataDir, refusing);
    const error = await store.load(KEY_HEX).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: 'STORAGE', reason: 'master-key-store' });
    expect(store.status()).toMatchObject({ source: 'test', protectedByOs: true });
  });

  it('an edited file, or a secret store that lost its key, leaves the test key in use and says so; clear forgets', async () => {
    const dataDir = tempDir();
    await (await openStore(dataDir)).store.load(KEY_HEX);
    const file = join(dataDir, MASTER_KEY_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { kcv: string };
    writeFileSync(file, JSON.stringify({ ...stored, kcv: '123456' }));
    const edited = await openStore(dataDir);
    expect(edited.store.status()).toMatchObject({ source: 'test', unreadable: true });
    expect(edited.store.key).toEqual(TEST_TMK);

    const fresh = tempDir();
    await (await openStore(fresh)).store.load(KEY_HEX);
    const otherMachine = await openStore(fresh, { protectedByOs: true, getOrCreate: (_n, b) => Promise.resolve(new Uint8Array(b).fill(3)), list: () => Promise.resolve([]) });
    expect(otherMachine.store.status()).toMatchObject({ source: 'test', unreadable: true });
    expect(await otherMachine.store.clear()).toMatchObject({ source: 'test', unreadable: false, loadedAt: null });
    expect((await openStore(fresh)).store.status()).toMatchObject({ source: 'test', unreadable: false });
  });

  it('maps a refusal to a VALIDATION CommandError carrying the reason', () => {
    expect(asCommandError(new MasterKeyError('master-key-weak', 'weak'))).toMatchObject({ code: 'VALIDATION', reason: 'master-key-weak' });
  });
});
