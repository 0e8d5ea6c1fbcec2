import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/atomic-file';
import type { SecretStore } from '../services/platform';

/**
 * The browser host has no OS keychain: secrets live in `<data>/keys/<name>.key`, mode 0600.
 * Weaker than safeStorage, so `protectedByOs` is false and the console shows a warning.
 */
export class KeyFileSecretStore implements SecretStore {
  readonly protectedByOs = false;

  constructor(private readonly dataDir: string) {}

  getOrCreate(name: string, bytes: number): Promise<Uint8Array> {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) return Promise.reject(new Error(`bad secret name ${name}`));
    const file = join(this.dataDir, 'keys', `${name}.key`);
    if (existsSync(file)) {
      const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
      if (key.length === bytes) return Promise.resolve(new Uint8Array(key));
    }
    const key = randomBytes(bytes);
    writeFileAtomic(file, key.toString('base64'));
    chmodSync(file, 0o600);
    return Promise.resolve(new Uint8Array(key));
  }
}
