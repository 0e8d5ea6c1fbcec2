import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-file';
import { SECRET_NAME, SecretStoreError, decodeSecret } from '../services/platform';
import type { SecretStore } from '../services/platform';

const EXT = '.key';

/**
 * The browser host has no OS keychain: secrets live in `<data>/keys/<name>.key` (base64), mode
 * 0600. Weaker than safeStorage, so `protectedByOs` is false and the console shows a warning.
 * A file with bad base64 or the wrong length stops the console with a `SecretStoreError` and is
 * kept: it is never replaced by a new key.
 */
export class KeyFileSecretStore implements SecretStore {
  readonly protectedByOs = false;

  constructor(private readonly dataDir: string) {}

  private fileOf(name: string): string {
    return join(this.dataDir, 'keys', `${name}${EXT}`);
  }

  private read(name: string, bytes: number | null): Uint8Array {
    const file = this.fileOf(name);
    const key = decodeSecret(readFileSync(file, 'utf8'));
    if (!key) throw new SecretStoreError(file, 'not base64');
    if (bytes !== null && key.length !== bytes) throw new SecretStoreError(file, `expected ${bytes} bytes, found ${key.length}`);
    return key;
  }

  getOrCreate(name: string, bytes: number): Promise<Uint8Array> {
    if (!SECRET_NAME.test(name)) return Promise.reject(new Error(`bad secret name ${name}`));
    try {
      if (existsSync(this.fileOf(name))) return Promise.resolve(this.read(name, bytes));
      const key = randomBytes(bytes);
      writeFileAtomic(this.fileOf(name), key.toString('base64'));
      chmodSync(this.fileOf(name), 0o600);
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
