import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { BackupManifest, BackupReason } from '../../shared/domain/backup/manifest';
import { checkpointSignedBy } from '../../shared/domain/backup/manifest';
import type { BackupInfo } from '../../shared/ipc/commands/backup';
import { CommandError } from '../../shared/ipc/envelope';
import type { Sender } from '../ipc/router';
import type { CoreContext } from '../services/core-context';
import { readKeyBackup } from '../audit/key-backup';
import { BackupFileError } from './backup-errors';
import { openBackupKey } from './backup-key';
import type { BackupKey } from './backup-key';
import { BACKUP_KEY_SECRET, identityFromBytes } from './backup-key';
import { BackupReader } from './backup-reader';
import { BackupStore, backupFileName } from './backup-store';
import { BackupPartError, BackupWriter } from './backup-writer';
import type { BackupEncryption, OpenFile } from './backup-writer';
import { recordHandover } from './handover';

/**
 * Main's backup commands (issue 17): it writes the files the renderer streams to it, reads each
 * back and checks it before listing it, rotates the folders, and on restore decrypts and checks
 * a file for the renderer to rehearse, then adopts its audit checkpoint (or records the
 * hand-over to this device's key). Each session belongs to the sender that began it.
 */
interface WriteSession {
  writer: BackupWriter;
  senderId: string;
  reason: BackupReason;
  secrets: { passphrase?: string; identities: string[] };
  rows: number;
  /** When the file was opened: before the renderer read any table. */
  startedAt: string;
}

interface ReadSession {
  reader: BackupReader;
  senderId: string;
  verdict: { manifest: BackupManifest; device: 'same' | 'other' } | null;
  file: string;
}

const problemCode = (error: unknown): CommandError => {
  if (error instanceof CommandError) return error;
  if (error instanceof BackupFileError) return new CommandError('STORAGE', error.message, error.problem);
  if (error instanceof BackupPartError) return new CommandError('VALIDATION', error.message, 'backup-part');
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') return new CommandError('STORAGE', `the disk is full: ${message}`, 'disk-full');
  return new CommandError('STORAGE', message, 'backup-failed');
};

export interface BackupDeps {
  /** scrypt work factor for passphrase backups (tests lower it). */
  scryptLogN?: number;
  /** The backup file's open (tests: a disk that fills up). */
  openFile?: OpenFile;
}

export const registerBackupHandlers = async (ctx: CoreContext, deps: BackupDeps = {}): Promise<void> => {
  const store = new BackupStore(ctx.platform.dataDir);
  await store.sweepPartials();
  let key: BackupKey | null = null;
  const backupKey = async (): Promise<BackupKey> => (key ??= await openBackupKey(ctx.platform.secrets));
  const writes = new Map<string, WriteSession>();
  const reads = new Map<string, ReadSession>();
  const actor = (sender: Sender): string => ctx.auth.actorOf(sender.id);

  const own = <T extends { senderId: string }>(map: Map<string, T>, id: string, sender: Sender): T => {
    const s = map.get(id);
    if (!s || s.senderId !== sender.id) throw new CommandError('NOT_FOUND', 'no such backup or restore under way here', 'no-session');
    return s;
  };

  const begin = async (sender: Sender, reason: BackupReason, passphrase: string | null, includePins: boolean): Promise<{ backupId: string }> => {
    for (const [id, s] of writes) if (s.senderId === sender.id) {
      writes.delete(id);
      await s.writer.abort();
    }
    const k = await backupKey();
    const encryption: BackupEncryption = passphrase ? { passphrase, ...(deps.scryptLogN ? { logN: deps.scryptLogN } : {}) } : { recipient: k.recipient };
    const createdAt = new Date().toISOString();
    const writer = await BackupWriter.open(`${store.dir}/${backupFileName(createdAt, reason)}`, { reason, key: ctx.deviceKey, app: ctx.platform.version, encryption, includesPins: includePins, ...(deps.openFile ? { openFile: deps.openFile } : {}) });
    writes.set(writer.id, { writer, startedAt: createdAt, senderId: sender.id, reason, secrets: passphrase ? { passphrase, identities: [] } : { identities: [k.identity] }, rows: 0 });
    return { backupId: writer.id };
  };

  ctx.router.handle('backup:start', ({ reason, passphrase, includePins }, sender) => begin(sender, reason, passphrase, includePins).catch((e: unknown) => Promise.reject(problemCode(e))));
  ctx.router.handle('backup:start-auto', ({ reason }, sender) => begin(sender, reason, null, false).catch((e: unknown) => Promise.reject(problemCode(e))));

  ctx.router.handle('backup:part', async ({ backupId, table, rows, lines }, sender) => {
    const s = own(writes, backupId, sender);
    try {
      s.rows += rows;
      return { bytes: await s.writer.part(table, rows, lines) };
    } catch (error) {
      writes.delete(backupId);
      await s.writer.abort();
      throw problemCode(error);
    }
  });

  ctx.router.handle('backup:abort', async ({ backupId }, sender) => {
    const s = own(writes, backupId, sender);
    writes.delete(backupId);
    await s.writer.abort();
    return {};
  });

  ctx.router.handle('backup:finish', async ({ backupId, meta }, sender) => {
    const s = own(writes, backupId, sender);
    writes.delete(backupId);
    const { writer } = s;
    const name = writer.file.slice(store.dir.length + 1);
    try {
      if (meta.lastCheckpoint && !checkpointSignedBy(meta.lastCheckpoint, ctx.deviceKey.keyName, ctx.deviceKey.identity().publicKey)) {
        throw new CommandError('VALIDATION', "the audit checkpoint given is not signed by this device's key", 'backup-checkpoint');
      }
      const includePins = writer.includesPins;
      const mainFiles = [
        ...(existsSync(ctx.settings.file) ? [{ name: 'settings.json', data: readFileSync(ctx.settings.file) }] : []),
        ...(includePins && existsSync(ctx.operators.file) ? [{ name: 'operators.json', data: readFileSync(ctx.operators.file) }] : []),
      ];
      const written = await writer.finish(meta, mainFiles);
      // Read back and checked before it counts as a backup (issue 17): every hash and the signature.
      const reader = await BackupReader.open(writer.file, s.secrets);
      const read = await reader.verifyAll().finally(() => reader.close());
      if (JSON.stringify(read) !== JSON.stringify(written)) throw new BackupFileError('damaged', 'the backup read back is not the one written');
      const info: BackupInfo = {
        name,
        folder: 'primary',
        bytes: writer.written,
        createdAt: written.createdAt,
        reason: s.reason,
        encryption: written.encryption,
        verified: true,
        rows: s.rows,
        firstSale: written.sales.first,
        lastSale: written.sales.last,
        startedAt: s.startedAt,
      };
      store.record(info);
      ctx.journal.append({ actor: actor(sender), action: 'backup.written', objectType: 'backup', objectId: name, result: 'ok', detail: { reason: s.reason, rows: s.rows, bytes: info.bytes, encryption: info.encryption, includesPins: written.includesPins } });
      await store.copyToSecond(info);
      await store.rotate('primary');
      return info;
    } catch (error) {
      await writer.abort();
      const failure = problemCode(error);
      ctx.journal.append({ actor: actor(sender), action: 'backup.written', objectType: 'backup', objectId: name, result: 'fail', detail: { reason: s.reason, error: failure.message } });
      throw failure;
    }
  });

  ctx.router.handle('backup:status', () => store.status());

  ctx.router.handle('backup:configure', (patch, sender) => {
    const before = store.config();
    const next = store.configure(patch);
    ctx.journal.append({ actor: actor(sender), action: 'backup.configured', objectType: 'backup', objectId: 'config', result: 'ok', detail: { before, after: next } });
    return next;
  });

  ctx.router.handle('backup:restore-open', async (req, sender) => {
    for (const [id, s] of reads) if (s.senderId === sender.id) {
      reads.delete(id);
      await s.reader.close();
    }
    const file = req.path ? (isAbsolute(req.path) ? req.path : null) : req.name ? store.pathOf(req.name, req.folder ?? 'primary') : null;
    if (!file) throw new CommandError('VALIDATION', 'choose a backup file (its full path, or one from the list)', 'not-found');
    const identities = [(await backupKey()).identity];
    if (req.identity) identities.push(req.identity.trim());
    try {
      if (req.keyBackupPath) identities.push(await identityFromKeyBackup(req.keyBackupPath, req.keyBackupPassphrase ?? ''));
      const reader = await BackupReader.open(file, { passphrase: req.passphrase, identities });
      reads.set(reader.id, { reader, senderId: sender.id, verdict: null, file });
      return { restoreId: reader.id, bytes: reader.totalBytes };
    } catch (error) {
      throw problemCode(error);
    }
  });

  ctx.router.handle('backup:restore-read', async ({ restoreId }, sender) => {
    const s = own(reads, restoreId, sender);
    try {
      const next = await s.reader.next();
      if (next.manifest && !s.verdict) s.verdict = { manifest: next.manifest, device: next.manifest.publicKey === ctx.deviceKey.identity().publicKey ? 'same' : 'other' };
      return { parts: next.parts, bytesRead: s.reader.bytesRead, done: next.done, verdict: s.verdict };
    } catch (error) {
      reads.delete(restoreId);
      await s.reader.close();
      const failure = problemCode(error);
      ctx.journal.append({ actor: actor(sender), action: 'backup.restore-refused', objectType: 'backup', objectId: s.file, result: 'fail', detail: { reason: failure.reason ?? '', error: failure.message } });
      throw failure;
    }
  });

  ctx.router.handle('backup:restore-cancel', async ({ restoreId }, sender) => {
    const s = own(reads, restoreId, sender);
    reads.delete(restoreId);
    await s.reader.close();
    return {};
  });

  ctx.router.handle('backup:restore-commit', ({ restoreId, undoName, acceptOtherDevice }, sender) => {
    const s = own(reads, restoreId, sender);
    if (!s.verdict) throw new CommandError('CONFLICT', 'the backup has not been read and checked to its end', 'not-verified');
    const { manifest, device } = s.verdict;
    if (device === 'other' && !acceptOtherDevice) throw new CommandError('STORAGE', `the backup was made by another device (${manifest.fingerprint.slice(0, 16)}…)`, 'foreign');
    reads.delete(restoreId);
    const restoredAt = new Date().toISOString();
    const checkpoint = manifest.audit.checkpoint;
    if (device === 'same') {
      // The restored log must be the one new checkpoints extend (main checked the manifest's signature).
      if (checkpoint && !checkpointSignedBy(checkpoint, ctx.deviceKey.keyName, ctx.deviceKey.identity().publicKey)) throw new CommandError('STORAGE', 'the backup checkpoint is not signed by this device', 'damaged');
      ctx.checkpoints.adopt(checkpoint);
    } else {
      recordHandover(ctx.platform.dataDir, manifest, restoredAt);
      ctx.checkpoints.adopt(null);
      ctx.journal.append({ actor: actor(sender), action: 'device.handover', objectType: 'device', objectId: manifest.deviceId, result: 'ok', detail: { fromKey: manifest.keyName, fromFingerprint: manifest.fingerprint, fromPublicKey: manifest.publicKey, lastCheckpoint: checkpoint, toKey: ctx.deviceKey.keyName, toFingerprint: ctx.deviceKey.fingerprint } });
    }
    if (undoName) store.setUndo(undoName, restoredAt);
    ctx.journal.append({ actor: actor(sender), action: 'backup.restored', objectType: 'backup', objectId: s.file, result: 'ok', detail: { createdAt: manifest.createdAt, device, tables: Object.fromEntries(Object.entries(manifest.tables).map(([t, v]) => [t, v.rows])), checkpoint: checkpoint?.size ?? 0, undo: undoName } });
    return { handover: device === 'other', restoredAt };
  });

  ctx.router.handle('backup:schedule', () => {
    const { intervalMinutes, retentionMonths } = store.config();
    return { intervalMinutes, retentionMonths };
  });

  const holding = async (backupName: string): Promise<{ name: string; startedAt: string; firstSale: string }> => {
    const held = (await store.list()).find((b) => b.folder === 'primary' && b.name === backupName);
    if (!held?.verified || !held.startedAt || !held.firstSale) throw new CommandError('VALIDATION', 'retention must rely on a verified backup listed here (with sales, written since backups record when they began)', 'not-verified');
    return { name: held.name, startedAt: held.startedAt, firstSale: held.firstSale };
  };

  ctx.router.handle('backup:retention-hold', async ({ backupName }) => {
    const held = await holding(backupName);
    store.protectForRetention(backupName);
    return held;
  });

  ctx.router.handle('backup:retention-done', async ({ backupName, before, removed }, sender) => {
    await holding(backupName);
    ctx.journal.append({ actor: actor(sender), action: 'retention.removed', objectType: 'backup', objectId: backupName, result: 'ok', detail: { before, removed } });
    return {};
  });

  ctx.onStop(async () => {
    for (const s of writes.values()) await s.writer.abort();
    for (const s of reads.values()) await s.reader.close();
  });
};

/** The identity in a key backup (another device's, for a restore onto a new PC). */
export const identityFromKeyBackup = async (file: string, passphrase: string): Promise<string> => {
  const { secrets } = await readKeyBackup(file, passphrase);
  const bytes = secrets.get(BACKUP_KEY_SECRET);
  if (!bytes) throw new BackupFileError('wrong-key', 'that key backup holds no backup key');
  return identityFromBytes(bytes);
};
