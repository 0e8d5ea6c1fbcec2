import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretStoreError } from '../services/platform';

// A stand-in for the OS store: "encryption" is a prefix plus the reversed bytes, and it can be
// switched off or made to fail, as DPAPI/Keychain/libsecret do for another account or a damaged file.
const os = vi.hoisted(() => ({ available: true }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => os.available,
    encryptString: (text: string) => Buffer.concat([Buffer.from('OS:'), Buffer.from(text, 'utf8').reverse()]),
    decryptString: (data: Buffer) => {
      if (data.subarray(0, 3).toString() !== 'OS:') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(3)).reverse().toString('utf8');
    },
  },
}));

const { SafeStorageSecretStore } = await import('./safe-storage-secrets');

describe('SafeStorageSecretStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sealed-secrets-'));
    os.available = true;
  });

  it('makes a key once, keeps it sealed by the OS store, and reads the same key back', async () => {
    const store = new SafeStorageSecretStore(dir);
    const key = await store.getOrCreate('master', 32);
    expect(key).toHaveLength(32);
    const file = join(dir, 'keys', 'master.sealed');
    expect(readFileSync(file).subarray(0, 3).toString()).toBe('OS:');
    expect(readFileSync(file).includes(Buffer.from(Buffer.from(key).toString('base64')))).toBe(false);
    expect(await new SafeStorageSecretStore(dir).getOrCreate('master', 32)).toEqual(key);
    expect((await store.list()).map((s) => s.name)).toEqual(['master']);
  });

  it('refuses to keep a secret when the OS store is unavailable, rather than writing it in clear', async () => {
    os.available = false;
    await expect(new SafeStorageSecretStore(dir).getOrCreate('master', 32)).rejects.toThrow('OS secret storage is not available');
  });

  it('a file that does not decrypt, or has the wrong length, stops with a SecretStoreError and is kept', async () => {
    const store = new SafeStorageSecretStore(dir);
    await store.getOrCreate('master', 32);
    const file = join(dir, 'keys', 'master.sealed');
    writeFileSync(file, 'damaged');
    await expect(store.getOrCreate('master', 32)).rejects.toBeInstanceOf(SecretStoreError);
    expect(readFileSync(file, 'utf8')).toBe('damaged');
    await store.getOrCreate('other', 16);
    await expect(store.getOrCreate('other', 32)).rejects.toThrow(/expected 32 bytes, found 16/);
  });
});
