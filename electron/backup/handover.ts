import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupManifest } from '../../shared/domain/backup/manifest';
import { writeFileAtomic } from '../services/atomic-file';

/**
 * A restore onto a new PC (issue 17): the records come with checkpoints signed by the old
 * device's key, and this device signs new ones under its own. `<data>/audit/previous-keys.json`
 * keeps each earlier key (name, public key, fingerprint, its last checkpoint and when it was
 * handed over), so the old checkpoints stay verifiable; the hand-over is also journaled.
 */
export const PreviousKey = z.object({
  deviceId: z.string(),
  keyName: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  lastCheckpointSize: z.number().int().nonnegative(),
  handedOverAt: z.string(),
});
export type PreviousKey = z.infer<typeof PreviousKey>;

const fileOf = (dataDir: string): string => join(dataDir, 'audit', 'previous-keys.json');

export const previousKeys = (dataDir: string): PreviousKey[] => {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return [];
  const parsed = z.array(PreviousKey).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is damaged; it was kept as it is`);
  return parsed.data;
};

export const recordHandover = (dataDir: string, manifest: BackupManifest, at: string): void => {
  const keys = previousKeys(dataDir).filter((k) => k.publicKey !== manifest.publicKey);
  keys.push({ deviceId: manifest.deviceId, keyName: manifest.keyName, publicKey: manifest.publicKey, fingerprint: manifest.fingerprint, lastCheckpointSize: manifest.audit.checkpoint?.size ?? 0, handedOverAt: at });
  writeFileAtomic(fileOf(dataDir), `${JSON.stringify(keys, null, 1)}\n`);
};
