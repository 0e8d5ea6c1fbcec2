import { chmodSync, readFileSync } from 'node:fs';
import { FolderSecretStore } from '../services/folder-secret-store';

/**
 * The browser host has no OS keychain: secrets live in `<data>/keys/<name>.key` (base64), mode
 * 0600. Weaker than safeStorage, so `protectedByOs` is false and the console shows a warning.
 * A file with bad base64 or the wrong length stops the console and is kept (FolderSecretStore).
 */
export class KeyFileSecretStore extends FolderSecretStore {
  readonly protectedByOs = false;

  constructor(dataDir: string) {
    super(dataDir, '.key');
  }

  protected seal(base64: string): string {
    return base64;
  }

  protected unseal(file: string): string {
    return readFileSync(file, 'utf8');
  }

  protected override written(file: string): void {
    chmodSync(file, 0o600);
  }
}
