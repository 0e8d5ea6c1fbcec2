import { z } from 'zod';
import { command } from '../spec';
import type { CommandSpec } from '../spec';
import { BACKUP_REASONS, BackupManifest, ManifestCheckpoint, TABLE_NAME } from '../../domain/backup/manifest';

/**
 * Backups (issue 17, README "Backups"): main writes and reads the age-encrypted files; the
 * renderer streams the IndexedDB tables to it in parts (never the whole database in memory) and,
 * on restore, loads the parts main hands back into a scratch database, verifies and shows it, and
 * only then switches to it. A backup or restore belongs to the window or connection that began it.
 */
const Id = z.string().regex(/^[0-9a-f]{32}$/, 'expected a backup session id');
/** One part: at most this many characters of NDJSON (well under the transports' 2 MB message). */
export const MAX_PART_CHARS = 1_000_000;
export const MIN_BACKUP_PASSPHRASE = 12;

export const BackupInfo = z.object({
  name: z.string(),
  folder: z.enum(['primary', 'secondary']),
  bytes: z.number().int().nonnegative(),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  encryption: z.enum(['passphrase', 'device-key']),
  /** Read back and checked right after writing (every hash and the manifest signature). */
  verified: z.boolean(),
  rows: z.number().int().nonnegative(),
  /** Newest record time in the backup (sales), for retention. */
  lastSale: z.string().nullable(),
  firstSale: z.string().nullable(),
  /**
   * When main opened the file, before the renderer read any table: a record last written before
   * this is in the backup as it is now (retention relies on it). Absent in older index entries.
   */
  startedAt: z.string().optional(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupConfig = z.object({
  /** Minutes between automatic backups while there is activity. */
  intervalMinutes: z.number().int().min(5).max(240),
  /** Rotation: how many of today's, one per day for `days`, one per week for `weeks`. */
  keepToday: z.number().int().min(1).max(48),
  keepDays: z.number().int().min(1).max(31),
  keepWeeks: z.number().int().min(0).max(104),
  /** A second folder (USB stick, network share) that gets the daily copy; '' for none. */
  secondFolder: z.string().max(500),
  /** Warn when the second folder has been missing for this many days. */
  secondWarnDays: z.number().int().min(1).max(30),
  /** Records older than this many months are removed once a verified backup holds them. */
  retentionMonths: z.number().int().min(13).max(240),
});
export type BackupConfig = z.infer<typeof BackupConfig>;

export const BackupStatus = z.object({
  config: BackupConfig,
  backups: z.array(BackupInfo),
  primaryFolder: z.string(),
  /** The second folder's state: not set, reachable, or missing since (ISO time). */
  second: z.object({ state: z.enum(['unset', 'ok', 'missing']), missingSince: z.string().nullable(), lastCopyAt: z.string().nullable(), warn: z.boolean() }),
  lastBackupAt: z.string().nullable(),
  /** The file the last restore saved the earlier data to (its undo), if any. */
  undo: z.object({ name: z.string(), restoredAt: z.string() }).nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

const Meta = z.object({
  schemaVersion: z.number().int().positive(),
  firstSale: z.string().nullable(),
  lastSale: z.string().nullable(),
  auditEntries: z.number().int().nonnegative(),
  auditHeadHash: z.string().nullable(),
  lastCheckpoint: ManifestCheckpoint.nullable(),
});

export const RestoreVerdict = z.object({
  manifest: BackupManifest,
  /** `same`: written by this device's key; `other`: another device's (a new PC taking over). */
  device: z.enum(['same', 'other']),
});
export type RestoreVerdict = z.infer<typeof RestoreVerdict>;

export const backupCommands = {
  /** A manager's backup: encrypted under a passphrase, or the device's backup key when none is given. */
  'backup:start': command(
    z.object({ reason: z.enum(['manual', 'pre-restore', 'pre-retention']), passphrase: z.string().min(MIN_BACKUP_PASSPHRASE).max(200).nullable(), includePins: z.boolean() }).strict(),
    z.object({ backupId: Id }),
  ),
  /** An automatic backup (while there is activity, end of day, before an update): always the device's backup key, never PIN material. */
  'backup:start-auto': command(z.object({ reason: z.enum(['auto', 'end-of-day', 'pre-update']) }).strict(), z.object({ backupId: Id })),
  /** One part of one table: NDJSON, one record per line, in primary-key order; `rows` lines. */
  'backup:part': command(
    z.object({ backupId: Id, table: z.string().regex(TABLE_NAME), rows: z.number().int().min(1), lines: z.string().min(2).max(MAX_PART_CHARS) }).strict(),
    z.object({ bytes: z.number().int().nonnegative() }),
  ),
  /** Ends the file (manifest + signature), reads it back and checks it, rotates the folder. */
  'backup:finish': command(z.object({ backupId: Id, meta: Meta }).strict(), BackupInfo),
  'backup:abort': command(z.object({ backupId: Id }).strict(), z.object({})),
  'backup:status': command(z.object({}).strict(), BackupStatus),
  'backup:configure': command(BackupConfig.partial().strict(), BackupConfig),
  /** Opens a backup for a restore: a file in a backup folder by name, or a path the manager chose. */
  'backup:restore-open': command(
    z
      .object({
        name: z.string().max(200).optional(),
        folder: z.enum(['primary', 'secondary']).optional(),
        path: z.string().max(1000).optional(),
        passphrase: z.string().max(200).optional(),
        /** An age X25519 identity (AGE-SECRET-KEY-1…), e.g. another device's backup key from its key backup. */
        identity: z.string().max(200).optional(),
        /** Or another device's key backup (keys-….age) and its passphrase, which holds that device's backup key. */
        keyBackupPath: z.string().max(1000).optional(),
        keyBackupPassphrase: z.string().max(200).optional(),
      })
      .strict(),
    z.object({ restoreId: Id, bytes: z.number().int().nonnegative() }),
  ),
  /**
   * The next parts, decrypted, every table hash checked as it goes; `verdict` when the file has
   * been read to its end and its manifest and signature check out. Errors: STORAGE with a reason
   * (wrong-key, damaged, foreign, newer-format, incomplete).
   */
  'backup:restore-read': command(
    z.object({ restoreId: Id }).strict(),
    z.object({
      parts: z.array(z.object({ table: z.string(), lines: z.string() })),
      bytesRead: z.number().int().nonnegative(),
      done: z.boolean(),
      verdict: RestoreVerdict.nullable(),
    }),
  ),
  /** The renderer verified and rehearsed it: main adopts the backup's checkpoint (or records the hand-over to this device's key). */
  'backup:restore-commit': command(z.object({ restoreId: Id, undoName: z.string().max(200), acceptOtherDevice: z.boolean().default(false) }).strict(), z.object({ handover: z.boolean(), restoredAt: z.string() })),
  'backup:restore-cancel': command(z.object({ restoreId: Id }).strict(), z.object({})),
  /** What a cashier's console needs to run the automatic backups and retention: the interval and the retention period. */
  'backup:schedule': command(z.object({}).strict(), z.object({ intervalMinutes: z.number().int(), retentionMonths: z.number().int() })),
  /**
   * Before retention removes anything: main confirms `backupName` is a verified backup it lists,
   * keeps it from now on whatever the rotation says, and answers what it holds (from its index).
   */
  'backup:retention-hold': command(z.object({ backupName: z.string().max(200) }).strict(), z.object({ name: z.string(), startedAt: z.string(), firstSale: z.string() })),
  /** Retention: records older than `before` were removed, held by the verified backup `backupName` (main refuses one it does not list as verified). */
  'backup:retention-done': command(
    z.object({ backupName: z.string().max(200), before: z.string(), removed: z.record(z.string(), z.number().int().nonnegative()) }).strict(),
    z.object({}),
  ),
} satisfies Record<string, CommandSpec>;

export const backupEvents = {};
