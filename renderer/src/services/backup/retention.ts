import { retentionCutoff } from '../../../../shared/domain/backup/retention';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import { removeHeldBefore } from '../../data/retention-repo';
import type { RetentionRemoved } from '../../data/retention-repo';
import { BackupError } from './run-backup';

/**
 * One retention run (RULES 8, issue 17 item 4), by a manager on the Backups screen or by itself
 * after each verified backup: main first confirms the backup is verified and listed, keeps it
 * whatever the rotation says, and answers what it holds (its own index, not the renderer's word);
 * then the records past the period that it holds are removed in chunks, each chunk audited; main
 * journals the run. Nothing is removed without that answer.
 */
export interface RetentionOutcome {
  backupName: string;
  cutoff: number;
  removed: RetentionRemoved;
}

export const runRetention = async (
  deps: { db: CountersignDb; api: CountersignApi; actor: string; now: () => number },
  input: { backupName: string; months: number; onChunk?: (removed: RetentionRemoved) => void },
): Promise<RetentionOutcome> => {
  const held = await deps.api.invoke('backup:retention-hold', { backupName: input.backupName });
  if (!held.ok) throw new BackupError(held.error);
  const cutoff = retentionCutoff(deps.now(), input.months);
  const backup = { name: held.value.name, startedAt: Date.parse(held.value.startedAt), firstSale: Date.parse(held.value.firstSale) };
  const removed = await removeHeldBefore(deps.db, { cutoff, backup, actor: deps.actor, now: deps.now(), ...(input.onChunk ? { onChunk: input.onChunk } : {}) });
  const done = await deps.api.invoke('backup:retention-done', { backupName: backup.name, before: new Date(cutoff).toISOString(), removed: { ...removed } });
  if (!done.ok) throw new BackupError(done.error);
  return { backupName: backup.name, cutoff, removed };
};
