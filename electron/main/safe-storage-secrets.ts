import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { writeFileAtomic } from '../services/atomic-file';
import type { SecretStore } from '../services/platform';

/**
 * Secrets encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret on Linux) and kept as `<data>/keys/<name>.sealed`. If the OS store is not
 * available the secret is refused rather than written in clear.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly protectedByOs = true;

  constructor(private readonly dataDir: string) {}

  getOrCreate(name: string, bytes: number): Promise<Uint8Array> {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) return Promise.reject(new Error(`bad secret name ${name}`));
    if (!safeStorage.isEncryptionAvailable()) return Promise.reject(new Error('OS secret storage is not available'));
    const file = join(this.dataDir, 'keys', `${name}.sealed`);
    if (existsSync(file)) {
      const key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
      if (key.length === bytes) return Promise.resolve(new Uint8Array(key));
    }
    const key = randomBytes(bytes);
    writeFileAtomic(file, safeStorage.encryptString(key.toString('base64')));
    return Promise.resolve(new Uint8Array(key));
  }
}
