import type { Logger } from './logger';

/**
 * Keeps small secrets (device HMAC key, offline sealing key, master-key wrap, device signing
 * key) at rest. Desktop: Electron safeStorage (OS keychain / DPAPI). Browser host: a key file
 * readable only by the user, which is weaker, so the browser host reports `protectedByOs: false`
 * and the UI warns.
 *
 * A stored secret that cannot be read back as exactly what was stored (wrong length, bad
 * encoding, sealed by another OS account) is never replaced: the store throws a
 * `SecretStoreError` naming the file, and keeps it, because a new key would silently make
 * everything sealed or signed under the old one unusable.
 */
export interface SecretStore {
  readonly protectedByOs: boolean;
  /** Returns the named secret, creating `bytes` random bytes on first use. */
  getOrCreate(name: string, bytes: number): Promise<Uint8Array>;
  /** Every stored secret, by name (for the encrypted key backup). Throws on a damaged one. */
  list(): Promise<Array<{ name: string; value: Uint8Array }>>;
}

/** A damaged secret: the console stops with this message rather than make a new key. */
export class SecretStoreError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The key file ${file} is damaged (${problem}). It was kept as it is and no new key was made: ` +
        'restore it from a key backup, or move it aside yourself to start with a new key (data sealed or signed under the old key can then no longer be opened or checked against it).',
    );
    this.name = 'SecretStoreError';
  }
}

export const SECRET_NAME = /^[a-z0-9-]{1,64}$/;

/** Strict base64 (as written by Buffer): null for anything else, so a damaged file is never half-read. */
export const decodeSecret = (text: string): Uint8Array | null => {
  const t = text.trim();
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t) || t.length === 0) return null;
  return new Uint8Array(Buffer.from(t, 'base64'));
};

/** What a host hands to the core: the seams that differ between Electron and the browser host. */
export interface Platform {
  host: 'desktop' | 'browser';
  version: string;
  dataDir: string;
  secrets: SecretStore;
  logger: Logger;
  /** Desktop only: open the customer-facing window on a second display. */
  openCustomerWindow?: () => boolean;
  /**
   * Desktop only: asks the user where to save a file (the save dialog, over the sender's
   * window); null when they cancelled. Without it (browser host) exports become downloads.
   */
  chooseSavePath?: (senderId: string, suggestedName: string) => Promise<string | null>;
  /** The folder holding the app's node_modules (app.asar when packaged); default: the working folder. */
  appRoot?: string;
}
