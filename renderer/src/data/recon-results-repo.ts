import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditTables } from './audit-repo';
import type { CountersignDb } from './db';
import type { ReconDayRecord, ReconExplanationRecord, ReconResultRecord } from './records-eod';

/**
 * Match results (replaced for each day matched again, unless the day is locked), what people did
 * about mismatches (explanations: a note, the intent to open a dispute case, an inquiry), and
 * locked days. Explanations and locks are audited in the same transaction.
 */
export const lockedDays = async (db: CountersignDb, days: readonly string[]): Promise<Map<string, ReconDayRecord>> => {
  const rows = await db.reconDays.bulkGet([...days]);
  return new Map(rows.filter((r): r is ReconDayRecord => r !== undefined).map((r) => [r.day, r]));
};

/** Replaces the results of the unlocked days among `days` with `items` (only items of those days are written). */
export const replaceResults = (db: CountersignDb, days: readonly string[], items: readonly ReconResultRecord[]): Promise<number> =>
  db.transaction('rw', [db.reconResults, db.reconDays], async () => {
    const locked = await lockedDays(db, days);
    const open = days.filter((d) => !locked.has(d));
    for (const day of open) await db.reconResults.where('[day+kind]').between([day, ''], [day, '\uffff']).delete();
    const openSet = new Set(open);
    const fresh = items.filter((i) => openSet.has(i.day));
    for (let i = 0; i < fresh.length; i += 10_000) await db.reconResults.bulkPut(fresh.slice(i, i + 10_000));
    return fresh.length;
  });

export const resultsBetween = (db: CountersignDb, fromDay: string, toDay: string): Promise<ReconResultRecord[]> => db.reconResults.where('day').between(fromDay, toDay, true, true).toArray();

export const explanationsBetween = (db: CountersignDb, fromDay: string, toDay: string): Promise<ReconExplanationRecord[]> => db.reconExplanations.where('day').between(fromDay, toDay, true, true).toArray();

export class DayLocked extends Error {
  constructor(readonly day: string) {
    super(`day ${day} is locked`);
  }
}

export const addExplanation = (db: CountersignDb, input: Omit<ReconExplanationRecord, 'id' | 'createdAt'>, now = Date.now()): Promise<ReconExplanationRecord> =>
  db.transaction('rw', [db.reconExplanations, db.reconDays, ...auditTables(db)], async () => {
    if (await db.reconDays.get(input.day)) throw new DayLocked(input.day);
    const record: ReconExplanationRecord = { ...input, id: uuidv7(now), createdAt: now };
    await db.reconExplanations.add(record);
    await appendAudit(db, {
      actor: input.operatorId,
      action: `recon.${input.kind}`,
      objectType: 'recon-item',
      objectId: input.itemKey,
      result: 'ok',
      detail: { day: input.day, matchKind: input.matchKind, note: input.note, caseType: input.caseType, outcome: input.outcome, saleId: input.saleId, rowId: input.rowId, amountFen: input.amountFen, approvedBy: input.approvedBy },
    });
    return record;
  });

export const lockDay = (db: CountersignDb, record: ReconDayRecord, approvedBy: string): Promise<ReconDayRecord> =>
  db.transaction('rw', [db.reconDays, ...auditTables(db)], async () => {
    if (await db.reconDays.get(record.day)) throw new DayLocked(record.day);
    await db.reconDays.add(record);
    await appendAudit(db, { actor: record.lockedBy, action: 'recon.lock-day', objectType: 'recon-day', objectId: record.day, result: 'ok', detail: { approvedBy, counts: record.counts } });
    return record;
  });

export const lockedBetween = (db: CountersignDb, fromDay: string, toDay: string): Promise<ReconDayRecord[]> => db.reconDays.where('day').between(fromDay, toDay, true, true).toArray();

/** An export for the accountant (RULES 6, 7: exports are a manager's, and audited). */
export const auditExport = (db: CountersignDb, actor: string, approvedBy: string, detail: Record<string, unknown>): Promise<void> =>
  db.transaction('rw', auditTables(db), async () => {
    await appendAudit(db, { actor, action: 'recon.export', objectType: 'export', objectId: `${String(detail.from)}_${String(detail.to)}`, result: 'ok', detail: { approvedBy, ...detail } });
  });
