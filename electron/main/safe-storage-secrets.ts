import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { writeFileAtomic } from '../services/atomic-file';
import { SECRET_NAME, SecretStoreError, decodeSecret } from '../services/platform';
import type { SecretStore } from '../services/platform';

const EXT = '.sealed';

/**
 * Secrets encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret on Linux) and kept as `<data>/keys/<name>.sealed`. If the OS store is not
 * available the secret is refused rather than written in clear. A file that does not decrypt
 * (another OS account, a damaged file) or decrypts to the wrong length stops the console with
 * a `SecretStoreError` and is kept: it is never replaced by a new key.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly protectedByOs = true;

  constructor(private readonly dataDir: string) {}

  private fileOf(name: string): string {
    return join(this.dataDir, 'keys', `${name}${EXT}`);
  }

  private read(name: string, bytes: number | null): Uint8Array {
    const file = this.fileOf(name);
    let text: string;
    try {
      text = safeStorage.decryptString(readFileSync(file));
    } catch {
      throw new SecretStoreError(file, 'the OS secret store cannot decrypt it');
    }
    const key = decodeSecret(text);
    if (!key) throw new SecretStoreError(file, 'not base64 inside');
    if (bytes !== null && key.length !== bytes) throw new SecretStoreError(file, `expected ${bytes} bytes, found ${key.length}`);
    return key;
  }

  getOrCreate(name: string, bytes: number): Promise<Uint8Array> {
    if (!SECRET_NAME.test(name)) return Promise.reject(new Error(`bad secret name ${name}`));
    if (!safeStorage.isEncryptionAvailable()) return Promise.reject(new Error('OS secret storage is not available'));
    try {
      if (existsSync(this.fileOf(name))) return Promise.resolve(this.read(name, bytes));
      const key = randomBytes(bytes);
      writeFileAtomic(this.fileOf(name), safeStorage.encryptString(key.toString('base64')));
      return Promise.resolve(new Uint8Array(key));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  list(): Promise<Array<{ name: string; value: Uint8Array }>> {
    try {
      const dir = join(this.dataDir, 'keys');
      const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(EXT)).map((f) => f.slice(0, -EXT.length)).filter((n) => SECRET_NAME.test(n)) : [];
      return Promise.resolve(names.sort().map((name) => ({ name, value: this.read(name, null) })));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
