import Dexie from 'dexie';
import { ChainVerifier, GENESIS_HASH, entryHash } from '../../../../shared/domain/audit/chain-hash';
import type { ChainVerdict } from '../../../../shared/domain/audit/chain-hash';
import { uuidv7 } from '../../../../shared/domain/ids';
import type { CountersignDb } from '../../data/db';
import type { AuditEntry } from '../../data/records';

export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

const HEAD_KEY = 'audit.head';
const DEVICE_KEY = 'device.id';

interface Head {
  seq: number;
  hash: string;
}

/**
 * Appends one entry to the hash chain. Runs in the caller's transaction when there is one
 * (a sale's state change and its audit entry commit together) and in its own otherwise.
 * The transaction must include `audit` and `settings`. Hashing is synchronous so the
 * transaction stays alive; the head is kept beside the log so removing the tail is detected.
 */
export const appendAudit = (db: CountersignDb, input: AuditInput): Promise<AuditEntry> => {
  const write = async (): Promise<AuditEntry> => {
    const head = (await db.settings.get(HEAD_KEY))?.value as Head | undefined;
    let device = (await db.settings.get(DEVICE_KEY))?.value as string | undefined;
    if (!device) {
      device = uuidv7();
      await db.settings.put({ key: DEVICE_KEY, value: device, updatedAt: Date.now() });
    }
    const base = {
      seq: (head?.seq ?? 0) + 1,
      id: uuidv7(),
      at: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      result: input.result,
      device,
      detail: input.detail ?? {},
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...base, hash: entryHash(base) };
    await db.audit.add(entry);
    await db.settings.put({ key: HEAD_KEY, value: { seq: entry.seq, hash: entry.hash } satisfies Head, updatedAt: Date.now() });
    return entry;
  };
  const current = Dexie.currentTransaction;
  if (current && current.storeNames.includes('audit') && current.storeNames.includes('settings')) return write();
  return db.transaction('rw', db.audit, db.settings, write);
};

/** Walks the whole chain in seq order, a chunk at a time, and names the first problem. */
export const verifyChain = async (db: CountersignDb, chunk = 2000): Promise<ChainVerdict> => {
  const verifier = new ChainVerifier();
  let after = -Infinity;
  for (;;) {
    const rows = await db.audit.where('seq').above(after).limit(chunk).toArray();
    if (rows.length === 0) break;
    for (const row of rows) if (!verifier.push(row)) return verifier.finish(null);
    after = rows[rows.length - 1]!.seq;
  }
  const head = (await db.settings.get(HEAD_KEY))?.value as Head | undefined;
  return verifier.finish(head ?? null);
};

/** The newest entries, newest first, for the audit screen. */
export const recentAudit = (db: CountersignDb, limit: number): Promise<AuditEntry[]> => db.audit.orderBy('seq').reverse().limit(limit).toArray();

/** Entries about one object (a sale, an operator), oldest first. */
export const auditFor = (db: CountersignDb, objectId: string): Promise<AuditEntry[]> =>
  db.audit.where('[objectId+seq]').between([objectId, Dexie.minKey], [objectId, Dexie.maxKey]).toArray();

/** The head to sign as a checkpoint with the device key (evidence issue). */
export const auditHead = async (db: CountersignDb): Promise<Head | null> => ((await db.settings.get(HEAD_KEY))?.value as Head | undefined) ?? null;
