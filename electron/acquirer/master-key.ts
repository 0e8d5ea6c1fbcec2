import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MasterKeyStatus } from '../../shared/ipc/commands/acquirer';
import { CommandError } from '../../shared/ipc/envelope';
import { writeFileAtomic } from '../services/atomic-file';
import type { Logger } from '../services/logger';
import type { SecretStore } from '../services/platform';
import { TEST_TMK } from './iso8583/mac';
import { MasterKeyError, confirmKcv, kcvOf, parseMasterKey } from './master-key-check';

/**
 * The terminal master key (TMK) for the ISO 8583 link, kept at rest through the platform secret
 * store. `SecretStore` only hands out keys it creates itself, so the TMK is wrapped: AES-256-GCM
 * under a 32-byte key from the store (`terminal-master-key-wrap`: Electron safeStorage on the
 * desktop, a user-only key file in the browser host, as for the offline seal), and the wrapped
 * key is kept in `<data>/terminal-master-key.json` with its KCV and load time, both bound to the
 * ciphertext as associated data. The clear key exists only in main's memory: it is never
 * answered, logged or written to settings.json; status, logs and the audit carry its KCV.
 * Without a loaded key the link uses the built-in test key (only the host simulator knows it).
 */
export const MASTER_KEY_WRAP_SECRET = 'terminal-master-key-wrap';
export const MASTER_KEY_FILE = 'terminal-master-key.json';
const WRAP_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const aad = (kcv: string, loadedAt: string): Buffer => Buffer.from(`countersign/terminal-master-key/v1|${kcv}|${loadedAt}`, 'utf8');

interface StoredKey {
  version: 1;
  kcv: string;
  loadedAt: string;
  /** base64 of IV (12) | ciphertext | tag (16). */
  wrapped: string;
}

const isStored = (v: unknown): v is StoredKey => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return o.version === 1 && typeof o.kcv === 'string' && /^[0-9A-F]{6}$/.test(o.kcv) && typeof o.loadedAt === 'string' && typeof o.wrapped === 'string';
};

interface Loaded {
  key: Uint8Array;
  kcv: string;
  loadedAt: string;
}

export interface MasterKeyStoreOptions {
  secrets: SecretStore;
  dataDir: string;
  logger: Logger;
  /** The key used while none is loaded (default: the test key the host simulator uses). */
  fallback?: Uint8Array;
  now?: () => Date;
}

export class MasterKeyStore {
  readonly file: string;
  private loaded: Loaded | null = null;
  private unreadable = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly fallback: Uint8Array;
  private readonly fallbackKcv: string;

  private constructor(private readonly opts: MasterKeyStoreOptions) {
    this.file = join(opts.dataDir, MASTER_KEY_FILE);
    this.fallback = opts.fallback ?? TEST_TMK;
    this.fallbackKcv = kcvOf(this.fallback);
  }

  /** Opens the stored key, if any. A stored key that cannot be opened is reported, not deleted. */
  static async open(opts: MasterKeyStoreOptions): Promise<MasterKeyStore> {
    const store = new MasterKeyStore(opts);
    await store.read();
    return store;
  }

  /** The key the link must use now: the loaded one, else the fallback. Callers copy it. */
  get key(): Uint8Array {
    return this.loaded?.key ?? this.fallback;
  }

  status(): MasterKeyStatus {
    const l = this.loaded;
    return {
      source: l ? 'loaded' : 'test',
      kcv: l ? l.kcv : this.fallbackKcv,
      loadedAt: l ? l.loadedAt : null,
      unreadable: this.unreadable,
      protectedByOs: this.opts.secrets.protectedByOs,
    };
  }

  /**
   * Checks, stores and starts using a typed key. Throws MasterKeyError (a reason the renderer
   * translates) for a bad key or check value, and a `master-key-store` CommandError when the
   * secret store refuses; in both cases nothing changes.
   */
  load(keyHex: string, expectedKcv?: string): Promise<MasterKeyStatus> {
    return this.serial(async () => {
      const key = parseMasterKey(keyHex);
      try {
        if (expectedKcv !== undefined && expectedKcv.trim() !== '') confirmKcv(key, expectedKcv);
        const kcv = kcvOf(key);
        const loadedAt = (this.opts.now?.() ?? new Date()).toISOString();
        const wrapKey = await this.wrapKey();
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
        wrapKey.fill(0);
        cipher.setAAD(aad(kcv, loadedAt));
        const body = Buffer.concat([cipher.update(key), cipher.final()]);
        const stored: StoredKey = { version: 1, kcv, loadedAt, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
        writeFileAtomic(this.file, JSON.stringify(stored));
        this.replace({ key, kcv, loadedAt });
        this.opts.logger.info('acquirer.master-key-loaded', { kcv, loadedAt });
        return this.status();
      } catch (error) {
        key.fill(0);
        throw error;
      }
    });
  }

  /** Forgets the loaded key (and a stored one that could not be opened): back to the test key. */
  clear(): Promise<MasterKeyStatus> {
    return this.serial(() => {
      const previous = this.loaded?.kcv ?? null;
      rmSync(this.file, { force: true });
      this.replace(null);
      this.opts.logger.info('acquirer.master-key-cleared', { kcv: previous });
      return Promise.resolve(this.status());
    });
  }

  /** Wipes the key from memory (the core is stopping). */
  close(): void {
    this.replace(null);
  }

  private replace(next: Loaded | null): void {
    // The link works on its own copy, so the old bytes can be wiped at once.
    this.loaded?.key.fill(0);
    this.loaded = next;
    this.unreadable = false;
  }

  private async wrapKey(): Promise<Buffer> {
    try {
      return Buffer.from(await this.opts.secrets.getOrCreate(MASTER_KEY_WRAP_SECRET, WRAP_KEY_BYTES));
    } catch (error) {
      this.opts.logger.error('acquirer.master-key-store-failed', { error: error instanceof Error ? error.message : String(error) });
      throw new CommandError('STORAGE', 'the secret store refused to keep the master key; nothing was changed', 'master-key-store');
    }
  }

  private async read(): Promise<void> {
    if (!existsSync(this.file)) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      if (!isStored(parsed)) throw new Error('not a stored master key');
      const raw = Buffer.from(parsed.wrapped, 'base64');
      if (raw.length !== IV_BYTES + 8 + TAG_BYTES && raw.length !== IV_BYTES + 16 + TAG_BYTES) throw new Error(`wrapped key has ${raw.length} bytes`);
      const wrapKey = await this.wrapKey();
      const decipher = createDecipheriv('aes-256-gcm', wrapKey, raw.subarray(0, IV_BYTES));
      wrapKey.fill(0);
      decipher.setAAD(aad(parsed.kcv, parsed.loadedAt));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const key = new Uint8Array(Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]));
      if (kcvOf(key) !== parsed.kcv) {
        key.fill(0);
        throw new Error('check value differs');
      }
      this.loaded = { key, kcv: parsed.kcv, loadedAt: parsed.loadedAt };
    } catch (error) {
      // Edited, cut short, or wrapped under a key the secret store no longer has (a restored
      // data folder on another machine): the test key stays in use and the status says why.
      this.unreadable = true;
      this.opts.logger.warn('acquirer.master-key-unreadable', { error: error instanceof CommandError ? error.reason : error instanceof Error ? error.message : 'unknown' });
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Answers a refused key with its reason (VALIDATION), as the router expects. */
export const asCommandError = (error: unknown): Error => {
  if (error instanceof MasterKeyError) return new CommandError('VALIDATION', error.message, error.reason);
  return error instanceof Error ? error : new Error(String(error));
};
