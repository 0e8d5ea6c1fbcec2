import type { Logger } from './logger';

/**
 * Keeps small secrets (device HMAC key, offline sealing key) at rest.
 * Desktop: Electron safeStorage (OS keychain / DPAPI). Browser host: a key file readable only
 * by the user, which is weaker, so the browser host reports `protectedByOs: false` and the UI warns.
 */
export interface SecretStore {
  readonly protectedByOs: boolean;
  /** Returns the named secret, creating `bytes` random bytes on first use. */
  getOrCreate(name: string, bytes: number): Promise<Uint8Array>;
}

/** What a host hands to the core: the seams that differ between Electron and the browser host. */
export interface Platform {
  host: 'desktop' | 'browser';
  version: string;
  dataDir: string;
  secrets: SecretStore;
  logger: Logger;
  /** Desktop only: open the customer-facing window on a second display. */
  openCustomerWindow?: () => boolean;
}
