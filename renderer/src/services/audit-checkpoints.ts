import { hexToBytes } from '@noble/hashes/utils.js';
import { rootOfFrontier } from '../../../shared/domain/merkle';
import { toBase64 } from '../../../shared/domain/signed-note';
import type { CountersignApi } from '../../../shared/ipc/contract';
import { latestCheckpoint, saveCheckpoint } from '../data/audit-checkpoints-repo';
import { auditTreeHead } from '../data/audit-repo';
import { consistencyProof } from '../data/audit-tree';
import type { CountersignDb } from '../data/db';
import type { CheckpointRecord } from '../data/records';

/**
 * Signed checkpoints of the audit log (ARCHITECTURE "Integrity"). `checkpointNow` asks main to
 * sign the tree as it is, with an RFC 9162 consistency proof from the last checkpoint main
 * signed; the evidence export (issue 14) calls it before every export. `CheckpointScheduler`
 * takes one at least hourly while entries are being added, and when the day changes.
 */
export type CheckpointOutcome =
  | { kind: 'signed' | 'current'; checkpoint: CheckpointRecord }
  | { kind: 'empty' }
  /** Main refused (CONFLICT reasons: checkpoint-inconsistent, checkpoint-shrunk) or could not be asked. */
  | { kind: 'refused'; code: string; reason: string | null };

export const checkpointNow = async (db: CountersignDb, api: CountersignApi): Promise<CheckpointOutcome> => {
  // One retry: another window may sign between our status read and our request (checkpoint-stale).
  for (let attempt = 0; ; attempt++) {
    const status = await api.invoke('audit:checkpoint-status', {});
    if (!status.ok) return { kind: 'refused', code: status.error.code, reason: status.error.reason ?? null };
    const head = await auditTreeHead(db);
    if (head.seq === 0) return { kind: 'empty' };
    const last = status.value.last;
    const oldSize = last?.size ?? 0;
    const root = rootOfFrontier(head.frontier.map(hexToBytes));
    const proof = oldSize > 0 && oldSize < head.seq ? await consistencyProof(db, oldSize, head.seq) : [];
    const signed = await api.invoke('audit:checkpoint', { oldSize, newSize: head.seq, rootHash: toBase64(root), proof: proof.map(toBase64) });
    if (signed.ok) {
      await saveCheckpoint(db, signed.value);
      return { kind: last && signed.value.note === last.note ? 'current' : 'signed', checkpoint: signed.value };
    }
    if (signed.error.reason !== 'checkpoint-stale' || attempt > 0) return { kind: 'refused', code: signed.error.code, reason: signed.error.reason ?? null };
  }
};

const HOUR_MS = 60 * 60_000;
const CHECK_EVERY_MS = 60_000;
const localDay = (ms: number): string => new Date(ms).toDateString();

/** Whether a checkpoint is due: entries since the last one, and an hour gone or a new day begun. */
export const checkpointDue = (head: number, last: CheckpointRecord | undefined, now: number): boolean => {
  if (head === 0 || head === last?.size) return false;
  if (!last) return true;
  const signedAt = Date.parse(last.signedAt);
  return now - signedAt >= HOUR_MS || localDay(now) !== localDay(signedAt);
};

/** Runs while someone is signed in; at most one checkpoint at a time. */
export class CheckpointScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: CountersignDb,
    private readonly api: CountersignApi,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch(this.onError);
    }, CHECK_EVERY_MS);
    this.tick().catch(this.onError);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): Promise<unknown> {
    this.running ??= (async () => {
      const [head, last] = await Promise.all([auditTreeHead(this.db), latestCheckpoint(this.db)]);
      if (checkpointDue(head.seq, last, this.now())) await checkpointNow(this.db, this.api);
    })()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
