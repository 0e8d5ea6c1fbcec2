import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { toBase64, fromBase64 } from '../../shared/domain/signed-note';
import { writeFileAtomic } from '../services/atomic-file';
import type { SecretStore } from '../services/platform';

/**
 * The encrypted key backup (RULES 8 / issue 17 reuses it): every secret in the platform store,
 * as JSON, encrypted with age (https://age-encryption.org/v1, the `age-encryption` package by
 * age's author) under a passphrase — age's scrypt recipient stanza, work factor 2^18 — and
 * written to `<data>/backups/keys-<UTC time>.age`. `age -d keys-….age` opens it with the
 * passphrase. The plaintext is:
 *
 *   {"format":"countersign-key-backup/v1","deviceId":"…","createdAt":"…",
 *    "secrets":{"<name>":"<base64>",…}}
 *
 * Nothing is written unencrypted, and the passphrase is neither stored nor logged.
 */
export const KEY_BACKUP_FORMAT = 'countersign-key-backup/v1';
export const MIN_PASSPHRASE = 12;
const SCRYPT_LOG_N = 18;

const Plain = z.object({ format: z.literal(KEY_BACKUP_FORMAT), deviceId: z.string(), createdAt: z.string(), secrets: z.record(z.string(), z.string()) });

export interface KeyBackupResult {
  file: string;
  names: string[];
  createdAt: string;
}

export const writeKeyBackup = async (opts: { secrets: SecretStore; dataDir: string; deviceId: string; passphrase: string; now?: () => number; logN?: number }): Promise<KeyBackupResult> => {
  if (opts.passphrase.length < MIN_PASSPHRASE) throw new RangeError(`the passphrase needs at least ${MIN_PASSPHRASE} characters`);
  const { Encrypter } = await import('age-encryption');
  const list = await opts.secrets.list();
  const createdAt = new Date((opts.now ?? Date.now)()).toISOString();
  const plain = JSON.stringify({ format: KEY_BACKUP_FORMAT, deviceId: opts.deviceId, createdAt, secrets: Object.fromEntries(list.map((s) => [s.name, toBase64(s.value)])) });
  const e = new Encrypter();
  e.setPassphrase(opts.passphrase);
  e.setScryptWorkFactor(opts.logN ?? SCRYPT_LOG_N);
  const sealed = await e.encrypt(plain);
  const file = join(opts.dataDir, 'backups', `keys-${createdAt.replace(/[:.]/g, '-')}.age`);
  writeFileAtomic(file, sealed);
  return { file, names: list.map((s) => s.name), createdAt };
};

/** Opens a key backup (restore, issue 17; tests). Throws on a wrong passphrase or a damaged file. */
export const readKeyBackup = async (file: string, passphrase: string): Promise<{ deviceId: string; createdAt: string; secrets: Map<string, Uint8Array> }> => {
  const { Decrypter } = await import('age-encryption');
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  const text = await d.decrypt(new Uint8Array(readFileSync(file)), 'text');
  const parsed = Plain.parse(JSON.parse(text));
  const secrets = new Map<string, Uint8Array>();
  for (const [name, b64] of Object.entries(parsed.secrets)) {
    const value = fromBase64(b64);
    if (!value) throw new Error(`key backup: ${name} is not base64`);
    secrets.set(name, value);
  }
  return { deviceId: parsed.deviceId, createdAt: parsed.createdAt, secrets };
};
