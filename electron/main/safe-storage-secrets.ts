import { readFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import { FolderSecretStore } from '../services/folder-secret-store';
import { SecretStoreError } from '../services/platform';

/**
 * Secrets encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret on Linux) and kept as `<data>/keys/<name>.sealed`. If the OS store is not
 * available the secret is refused rather than written in clear. A file that does not decrypt
 * (another OS account, a damaged file) or decrypts to the wrong length stops the console and
 * is kept: it is never replaced by a new key (FolderSecretStore).
 */
export class SafeStorageSecretStore extends FolderSecretStore {
  readonly protectedByOs = true;

  constructor(dataDir: string) {
    super(dataDir, '.sealed');
  }

  protected override unavailable(): string | null {
    return safeStorage.isEncryptionAvailable() ? null : 'OS secret storage is not available';
  }

  protected seal(base64: string): Uint8Array {
    return safeStorage.encryptString(base64);
  }

  protected unseal(file: string): string {
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      throw new SecretStoreError(file, 'the OS secret store cannot decrypt it');
    }
  }
}
