import type { BackupInfo } from '../../../../shared/ipc/commands/backup';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { EnvelopeError } from '../../../../shared/ipc/envelope';
import { streamTables } from '../../data/backup-repo';
import type { CountersignDb } from '../../data/db';

/**
 * One backup (issue 17): main opens the file, this streams every table to it in parts, then main
 * ends it with the signed manifest, reads it back and checks it. A failure aborts the file (main
 * deletes the partial one) and throws a BackupError the screen translates.
 */
export class BackupError extends Error {
  constructor(readonly error: EnvelopeError) {
    super(error.message);
    this.name = 'BackupError';
  }
}

export type BackupRequest = { kind: 'manual'; reason: 'manual' | 'pre-restore' | 'pre-retention'; passphrase: string | null; includePins: boolean } | { kind: 'auto'; reason: 'auto' | 'end-of-day' | 'pre-update' };

export interface BackupProgress {
  table: string;
  rows: number;
}

export const runBackup = async (db: CountersignDb, api: CountersignApi, req: BackupRequest, onProgress?: (p: BackupProgress) => void): Promise<BackupInfo> => {
  const started = req.kind === 'manual' ? await api.invoke('backup:start', { reason: req.reason, passphrase: req.passphrase, includePins: req.includePins }) : await api.invoke('backup:start-auto', { reason: req.reason });
  if (!started.ok) throw new BackupError(started.error);
  const { backupId } = started.value;
  let done = 0;
  try {
    const meta = await streamTables(
      db,
      async (table, rows, lines) => {
        const r = await api.invoke('backup:part', { backupId, table, rows, lines });
        if (!r.ok) throw new BackupError(r.error);
        done += rows;
      },
      { includePins: req.kind === 'manual' && req.includePins, onProgress: (table, rows) => onProgress?.({ table, rows: done + rows }) },
    );
    const finished = await api.invoke('backup:finish', { backupId, meta });
    if (!finished.ok) throw new BackupError(finished.error);
    return finished.value;
  } catch (error) {
    // Main already dropped a session whose part or finish failed; abort answers NOT_FOUND then.
    await api.invoke('backup:abort', { backupId });
    if (error instanceof BackupError) throw error;
    throw new BackupError({ code: 'STORAGE', message: error instanceof Error ? error.message : String(error), reason: 'backup-failed' });
  }
};
