import { z } from 'zod';
import { sha256Hex } from '../hash';
import { fromBase64, openNote, parseCheckpoint, toBase64 } from '../signed-note';
import type { NoteProblem } from '../signed-note';

/**
 * A backup's manifest (README "Backups"): what the file holds, table by table, signed by the
 * device key that wrote it. `manifest.json` is this object as JSON; `manifest.sig` is a C2SP
 * signed note by the device key `countersign/<deviceId>` whose text is
 *
 *   countersign-backup/v1\n<hex SHA-256 of the manifest.json bytes>\n
 *
 * A table's `sha256` is the SHA-256 of its NDJSON parts concatenated in order (one record per
 * line, primary-key order), `rows` the number of lines.
 */
export const BACKUP_FORMAT = 'countersign-backup/v1';
export const TABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const BACKUP_REASONS = ['manual', 'auto', 'end-of-day', 'pre-restore', 'pre-update', 'pre-retention'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const ManifestCheckpoint = z.object({ size: z.number().int().nonnegative(), rootHash: z.string(), note: z.string().max(2000), signedAt: z.string() });
export type ManifestCheckpoint = z.infer<typeof ManifestCheckpoint>;

export const TableSummary = z.object({ rows: z.number().int().nonnegative(), parts: z.number().int().nonnegative(), sha256: Hex64 });
export type TableSummary = z.infer<typeof TableSummary>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  app: z.string(),
  /** The IndexedDB schema version the tables were read at. */
  schemaVersion: z.number().int().positive(),
  deviceId: z.string(),
  keyName: z.string(),
  /** Base64 raw Ed25519 public key of the device that signed this manifest. */
  publicKey: z.string(),
  /** Hex SHA-256 of the raw public key (as on About and the key slip). */
  fingerprint: Hex64,
  encryption: z.enum(['passphrase', 'device-key']),
  includesPins: z.boolean(),
  tables: z.record(z.string().regex(TABLE_NAME), TableSummary),
  /** Files from main's data folder (operators with PIN material, when the manager chose so). */
  files: z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), sha256: Hex64 })),
  sales: z.object({ first: z.string().nullable(), last: z.string().nullable() }),
  audit: z.object({ entries: z.number().int().nonnegative(), headHash: z.string().nullable(), checkpoint: ManifestCheckpoint.nullable() }),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIG_FILE = 'manifest.sig';
export const tablePartName = (table: string, part: number): string => `tables/${table}/${String(part).padStart(6, '0')}.ndjson`;
export const parseTablePart = (name: string): { table: string; part: number } | null => {
  const m = /^tables\/([A-Za-z][A-Za-z0-9_]{0,63})\/(\d{6})\.ndjson$/.exec(name);
  return m ? { table: m[1] as string, part: Number(m[2]) } : null;
};
export const MAIN_FILE_PREFIX = 'main/';

export const manifestSigText = (manifestBytes: Uint8Array): string => `${BACKUP_FORMAT}\n${sha256Hex(manifestBytes)}\n`;

export type ManifestSigProblem = NoteProblem | 'mismatch';

/** Checks `manifest.sig` over `manifest.json` under the key the manifest names. */
export const checkManifestSignature = (manifestBytes: Uint8Array, manifest: BackupManifest, sig: string): ManifestSigProblem | null => {
  const publicKey = fromBase64(manifest.publicKey);
  if (!publicKey || publicKey.length !== 32 || sha256Hex(publicKey) !== manifest.fingerprint) return 'mismatch';
  const opened = openNote(sig, { name: manifest.keyName, publicKey });
  if (!opened.ok) return opened.problem;
  return opened.text === manifestSigText(manifestBytes) ? null : 'mismatch';
};

/** Checks that a checkpoint note is signed by the manifest's key and says what its fields say. */
export const checkpointSignedBy = (c: ManifestCheckpoint, keyName: string, publicKeyB64: string): boolean => {
  const publicKey = fromBase64(publicKeyB64);
  if (!publicKey) return false;
  const opened = openNote(c.note, { name: keyName, publicKey });
  if (!opened.ok) return false;
  const body = parseCheckpoint(opened.text);
  return !!body && body.origin === keyName && body.size === c.size && toBase64(body.rootHash) === c.rootHash;
};
