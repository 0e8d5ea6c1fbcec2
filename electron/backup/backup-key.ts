import { bech32 } from '@scure/base';
import type { SecretStore } from '../services/platform';

/**
 * The device's backup key (issue 17): an age X25519 identity whose 32 secret bytes live in the
 * platform secret store beside the device's other keys, so the encrypted key backup
 * (`keys:export-backup`, electron/audit/key-backup.ts) carries it to a new PC. Automatic backups
 * are encrypted to its recipient (no passphrase to type every 15 minutes); `age -d -i <identity
 * file>` opens them, the identity being `AGE-SECRET-KEY-1…` = bech32("age-secret-key-", the
 * secret's 32 bytes), upper-cased (README "Backups" shows how to get it from a key backup).
 */
export const BACKUP_KEY_SECRET = 'backup-age-key';

export const identityFromBytes = (bytes: Uint8Array): string => {
  if (bytes.length !== 32) throw new RangeError('an age X25519 identity has 32 bytes');
  return bech32.encodeFromBytes('AGE-SECRET-KEY-', bytes).toUpperCase();
};

export interface BackupKey {
  identity: string;
  recipient: string;
}

export const openBackupKey = async (secrets: SecretStore): Promise<BackupKey> => {
  const { identityToRecipient } = await import('age-encryption');
  const identity = identityFromBytes(await secrets.getOrCreate(BACKUP_KEY_SECRET, 32));
  return { identity, recipient: await identityToRecipient(identity) };
};
