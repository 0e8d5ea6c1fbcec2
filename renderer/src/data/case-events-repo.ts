import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditTables } from './audit-repo';
import type { CountersignDb } from './db';
import type { CaseEventRecord } from './records';
import { UnknownCase } from './cases-repo';

/**
 * A case's timeline: notes, contacts with the customer or the bank, and what was done from the case
 * (host inquiry answers, slips printed, refunds, attachments). Appended only; each line audited.
 */
export type NewCaseEvent = Pick<CaseEventRecord, 'caseId' | 'kind' | 'operatorId' | 'text' | 'detail'>;

export const addCaseEvent = (db: CountersignDb, input: NewCaseEvent, now: number = Date.now()): Promise<CaseEventRecord> =>
  db.transaction('rw', [db.cases, db.caseEvents, ...auditTables(db)], async () => {
    const c = await db.cases.get(input.caseId);
    if (!c) throw new UnknownCase(input.caseId);
    const record: CaseEventRecord = { ...input, text: input.text.slice(0, 2000), id: uuidv7(now), at: now };
    await db.caseEvents.add(record);
    await db.cases.put({ ...c, updatedAt: now });
    await appendAudit(db, { actor: input.operatorId, action: `case.${input.kind}`, objectType: 'case', objectId: input.caseId, result: 'ok', detail: { eventId: record.id, ...input.detail } }, now);
    return record;
  });

/** A case's timeline, oldest first. */
export const caseEvents = (db: CountersignDb, caseId: string): Promise<CaseEventRecord[]> =>
  db.caseEvents.where('[caseId+at]').between([caseId, -Infinity], [caseId, Infinity]).toArray();

/**
 * A bank-SMS lookup (time, amount, last 4) and how many sales matched, audited: "no such sale here"
 * is itself a record the shop can point to later.
 */
export const recordSmsLookup = (db: CountersignDb, q: { at: number; amountFen: number; last4: string; candidates: number }, operatorId: string, now: number = Date.now()) =>
  appendAudit(db, { actor: operatorId, action: 'case.sms-lookup', objectType: 'lookup', objectId: uuidv7(now), result: q.candidates > 0 ? 'ok' : 'fail', detail: q }, now);
