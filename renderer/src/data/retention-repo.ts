import { removable } from '../../../shared/domain/backup/retention';
import type { HoldingBackup } from '../../../shared/domain/backup/retention';
import { appendAuditEntries, auditTables } from './audit-repo';
import { bucketDeltas, bumpCounters } from './counters-repo';
import type { CountersignDb } from './db';
import { bucketsOf } from './sales-repo';

/**
 * Retention's removal (issue 17 item 4): sales older than the cutoff, with their signatures,
 * print jobs, closed cases and attachments, removed in chunks by the sales' createdAt index
 * (never the whole table in memory), each chunk in one transaction with its audit entry and the
 * list counters moved. A sale is removed only when the backup given holds it and everything
 * attached to it (shared/domain/backup/retention.ts) and no dispute case on it is open.
 *
 * Kept on purpose: the audit log (its chain and checkpoints prove what happened, so it is never
 * trimmed) and the running totals of days and batches (closed history: a report of a day two
 * years ago still adds up after its sales are gone).
 */
export const RETENTION_CHUNK = 500;

export interface RetentionRemoved {
  sales: number;
  signatures: number;
  printJobs: number;
  cases: number;
  attachments: number;
}

const none = (): RetentionRemoved => ({ sales: 0, signatures: 0, printJobs: 0, cases: 0, attachments: 0 });

const retentionTables = (db: CountersignDb) => [db.sales, db.signatures, db.printJobs, db.cases, db.attachments, db.counters, ...auditTables(db)];

/** One chunk: the next sales past the cursor, before the cutoff. Returns what it removed and where it stopped. */
const removeChunk = (db: CountersignDb, cursor: { at: number; id: string }, cutoff: number, backup: HoldingBackup, actor: string, chunk: number, now: number) =>
  db.transaction('rw', retentionTables(db), async () => {
    const page = await db.sales
      .where('createdAt')
      .between(cursor.at, cutoff, true, false)
      .filter((s) => s.createdAt > cursor.at || s.id > cursor.id)
      .limit(chunk)
      .toArray();
    const last = page[page.length - 1];
    const removed = none();
    if (!last) return { removed, next: null };
    const ids = page.map((s) => s.id);
    const [signatures, printJobs, cases] = await Promise.all([
      db.signatures.where('saleId').anyOf(ids).toArray(),
      db.printJobs.where('saleId').anyOf(ids).toArray(),
      // A case may hold several sales (a duplicate pair, a 调单 list): found through any of them.
      db.cases.where('saleIds').anyOf(ids).distinct().toArray(),
    ]);
    const owners = [...ids, ...signatures.map((s) => s.id), ...cases.map((c) => c.id)];
    const attachments = await db.attachments.where('ownerId').anyOf(owners).toArray();
    const ownerSales = new Map<string, readonly string[]>([...ids.map((id) => [id, [id]] as const), ...signatures.map((s) => [s.id, [s.saleId]] as const), ...cases.map((c) => [c.id, c.saleIds] as const)]);
    const belongsTo = (ownerId: string, saleId: string): boolean => ownerSales.get(ownerId)?.includes(saleId) ?? false;
    const attachedTo = (saleId: string) => [
      ...signatures.filter((s) => s.saleId === saleId),
      ...printJobs.filter((j) => j.saleId === saleId),
      ...cases.filter((c) => c.saleIds.includes(saleId)),
      ...attachments.filter((a) => belongsTo(a.ownerId, saleId)),
    ];
    const going = page.filter((s) => removable(s, attachedTo(s.id), cutoff, backup) && !cases.some((c) => c.saleIds.includes(s.id) && c.state === 'open'));
    if (going.length > 0) {
      const goingIds = new Set(going.map((s) => s.id));
      const pick = <T extends { id: string }>(rows: T[], saleOf: (row: T) => string | null | undefined) => rows.filter((r) => goingIds.has(saleOf(r) ?? '')).map((r) => r.id);
      const sig = pick(signatures, (s) => s.saleId);
      const jobs = pick(printJobs, (j) => j.saleId);
      // A case goes only with all of its sales; one that also holds a sale that stays, stays.
      const cs = cases.filter((c) => c.saleIds.every((id) => goingIds.has(id))).map((c) => c.id);
      const goingOwners = new Set([...goingIds, ...sig, ...cs]);
      const att = attachments.filter((a) => goingOwners.has(a.ownerId)).map((a) => a.id);
      await Promise.all([db.sales.bulkDelete([...goingIds]), db.signatures.bulkDelete(sig), db.printJobs.bulkDelete(jobs), db.cases.bulkDelete(cs), db.attachments.bulkDelete(att)]);
      const deltas: Record<string, number> = {};
      for (const s of going) for (const [key, n] of Object.entries(bucketDeltas(bucketsOf(s), []))) deltas[key] = (deltas[key] ?? 0) + n;
      await bumpCounters(db, deltas);
      Object.assign(removed, { sales: going.length, signatures: sig.length, printJobs: jobs.length, cases: cs.length, attachments: att.length });
      const oldest = going[0]?.createdAt ?? 0;
      const newest = going[going.length - 1]?.createdAt ?? 0;
      await appendAuditEntries(
        db,
        [{ actor, action: 'retention.removed', objectType: 'backup', objectId: backup.name, result: 'ok', detail: { ...removed, from: new Date(oldest).toISOString(), to: new Date(newest).toISOString(), cutoff: new Date(cutoff).toISOString() } }],
        now,
      );
    }
    return { removed, next: { at: last.createdAt, id: last.id } };
  });

/**
 * Removes what `backup` holds of the sales created before `cutoff`, chunk by chunk; a chunk that
 * fails leaves the chunks before it removed and audited, and nothing of itself.
 */
export const removeHeldBefore = async (
  db: CountersignDb,
  input: { cutoff: number; backup: HoldingBackup; actor: string; now?: number; chunk?: number; onChunk?: (removed: RetentionRemoved) => void },
): Promise<RetentionRemoved> => {
  const total = none();
  let cursor: { at: number; id: string } | null = { at: -Infinity, id: '' };
  while (cursor) {
    const { removed, next } = await removeChunk(db, cursor, input.cutoff, input.backup, input.actor, input.chunk ?? RETENTION_CHUNK, input.now ?? Date.now());
    for (const key of Object.keys(total) as Array<keyof RetentionRemoved>) total[key] += removed[key];
    input.onChunk?.(total);
    cursor = next;
  }
  return total;
};
