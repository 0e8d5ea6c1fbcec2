import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { SECRET_NAME, SecretStoreError, decodeSecret } from './platform';
import type { SecretStore } from './platform';

/**
 * Secrets kept one per file in `<data>/keys/<name><ext>`, base64 inside whatever wrapping the
 * subclass gives them (the OS store's encryption, or none). What both hosts share: names are
 * checked, a missing key is made once, and a file that cannot be read back or has the wrong
 * length stops the console with a `SecretStoreError` and is kept — never replaced by a new key.
 */
export abstract class FolderSecretStore implements SecretStore {
  abstract readonly protectedByOs: boolean;

  constructor(
    private readonly dataDir: string,
    private readonly ext: string,
  ) {}

  /** The file's content for a base64 secret. */
  protected abstract seal(base64: string): string | Uint8Array;
  /** The base64 text inside a file; throws a SecretStoreError when it cannot be read. */
  protected abstract unseal(file: string): string;
  /** Why no secret can be kept now (e.g. the OS store is unavailable); null when it can. */
  protected unavailable(): string | null {
    return null;
  }
  /** After a new file is written (e.g. tighten its mode). */
  protected written(_file: string): void {
    // Nothing by default.
  }

  private fileOf(name: string): string {
    return join(this.dataDir, 'keys', `${name}${this.ext}`);
  }

  private read(name: string, bytes: number | null): Uint8Array {
    const file = this.fileOf(name);
    const key = decodeSecret(this.unseal(file));
    if (!key) throw new SecretStoreError(file, 'not base64');
    if (bytes !== null && key.length !== bytes) throw new SecretStoreError(file, `expected ${bytes} bytes, found ${key.length}`);
    return key;
  }

  getOrCreate(name: string, bytes: number): Promise<Uint8Array> {
    if (!SECRET_NAME.test(name)) return Promise.reject(new Error(`bad secret name ${name}`));
    const why = this.unavailable();
    if (why) return Promise.reject(new Error(why));
    try {
      const file = this.fileOf(name);
      if (existsSync(file)) return Promise.resolve(this.read(name, bytes));
      const key = randomBytes(bytes);
      writeFileAtomic(file, this.seal(key.toString('base64')));
      this.written(file);
      return Promise.resolve(new Uint8Array(key));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  list(): Promise<Array<{ name: string; value: Uint8Array }>> {
    try {
      const dir = join(this.dataDir, 'keys');
      const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(this.ext)).map((f) => f.slice(0, -this.ext.length)).filter((n) => SECRET_NAME.test(n)) : [];
      return Promise.resolve(names.sort().map((name) => ({ name, value: this.read(name, null) })));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
