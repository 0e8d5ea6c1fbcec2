import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit } from './audit-repo';
import { bumpCounters, readCounter } from './counters-repo';
import type { CountersignDb } from './db';
import type { DisputeCaseRecord } from './records';
import { saleTables, updateSale } from './sales-repo';

/**
 * Dispute cases, minimal for the foundation: open and close, list per sale and open ones.
 * Opening or closing moves the sale's `openCases` (and its version) and the 'cases:open'
 * counter in the same transaction, with one audit entry on the sale.
 */
export type NewCase = Pick<DisputeCaseRecord, 'saleId' | 'type' | 'notes' | 'dueAt' | 'operatorId'>;

export const OPEN_CASES_COUNTER = 'cases:open';

const caseTables = (db: CountersignDb) => [db.cases, ...saleTables(db)];

export class UnknownSale extends Error {
  constructor(readonly saleId: string) {
    super(`no sale ${saleId}`);
  }
}

export const openCase = (db: CountersignDb, input: NewCase, now: number = Date.now()): Promise<DisputeCaseRecord> =>
  db.transaction('rw', caseTables(db), async () => {
    const sale = await db.sales.get(input.saleId);
    if (!sale) throw new UnknownSale(input.saleId);
    const record: DisputeCaseRecord = { ...input, id: uuidv7(now), state: 'open', createdAt: now, updatedAt: now };
    await db.cases.add(record);
    await bumpCounters(db, { [OPEN_CASES_COUNTER]: 1 });
    await updateSale(db, sale.id, { openCases: sale.openCases + 1 }, { actor: input.operatorId, action: 'case.open', detail: { caseId: record.id, type: record.type } });
    return record;
  });

export const closeCase = (db: CountersignDb, caseId: string, operatorId: string, notes: string, now: number = Date.now()): Promise<DisputeCaseRecord | null> =>
  db.transaction('rw', caseTables(db), async () => {
    const record = await db.cases.get(caseId);
    if (!record || record.state === 'closed') return null;
    const closed: DisputeCaseRecord = { ...record, state: 'closed', notes: notes || record.notes, updatedAt: now };
    await db.cases.put(closed);
    await bumpCounters(db, { [OPEN_CASES_COUNTER]: -1 });
    const sale = await db.sales.get(record.saleId);
    if (sale) {
      await updateSale(db, sale.id, { openCases: Math.max(0, sale.openCases - 1) }, { actor: operatorId, action: 'case.close', detail: { caseId } });
    } else {
      await appendAudit(db, { actor: operatorId, action: 'case.close', objectType: 'case', objectId: caseId, result: 'ok' }, now);
    }
    return closed;
  });

/** Cases of one sale, oldest first (a sale has a handful). */
export const casesForSale = async (db: CountersignDb, saleId: string): Promise<DisputeCaseRecord[]> =>
  (await db.cases.where('saleId').equals(saleId).toArray()).sort((a, b) => a.createdAt - b.createdAt);

/** Open cases, newest first, up to `limit`. */
export const openCases = (db: CountersignDb, limit = 100): Promise<DisputeCaseRecord[]> =>
  db.cases.where('state').equals('open').reverse().limit(limit).toArray();

export const openCaseCount = (db: CountersignDb): Promise<number> => readCounter(db, OPEN_CASES_COUNTER);

