import type { CountersignDb } from './db';
import type { CheckpointRecord } from './records';

/**
 * Signed checkpoints of the audit log, as main signed them (C2SP signed notes). Main keeps the
 * last one in its data folder too, so deleting or editing these rows cannot hide a rewrite:
 * the verifier compares the log with main's copy (audit-verify.ts).
 */
export const saveCheckpoint = (db: CountersignDb, checkpoint: CheckpointRecord): Promise<number> => db.auditCheckpoints.put(checkpoint);

export const latestCheckpoint = (db: CountersignDb): Promise<CheckpointRecord | undefined> => db.auditCheckpoints.orderBy('size').last();

/** Every checkpoint, smallest first (the verifier checks each against the entries). */
export const allCheckpoints = (db: CountersignDb): Promise<CheckpointRecord[]> => db.auditCheckpoints.orderBy('size').toArray();
