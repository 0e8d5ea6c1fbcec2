import { canMove, isActive } from '../../../shared/domain/cases/case-status';
import type { CaseStatus } from '../../../shared/domain/cases/case-status';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit } from './audit-repo';
import { bumpCounters, readCounter } from './counters-repo';
import type { CountersignDb } from './db';
import type { CaseEventRecord, DisputeCaseRecord } from './records';
import { saleTables, updateSale } from './sales-repo';

/**
 * Dispute cases (issue 15). A case concerns any number of sales; while it is active (open, evidence
 * sent) each of its sales counts it in `openCases` (the 有争议 filter) and the 'cases:open' counter
 * counts it, all moved in the same transaction as the case. Every change is audited on the case
 * (and on each sale whose count moves) and leaves a line in the case's timeline (case events).
 */
export type NewCase = Pick<DisputeCaseRecord, 'type' | 'saleIds' | 'notes' | 'dueAt' | 'operatorId'> & Partial<Pick<DisputeCaseRecord, 'origin' | 'reason' | 'notice' | 'complaintAt'>>;

export const OPEN_CASES_COUNTER = 'cases:open';

const caseTables = (db: CountersignDb) => [db.cases, db.caseEvents, ...saleTables(db)];

export class UnknownSale extends Error {
  constructor(readonly saleId: string) {
    super(`no sale ${saleId}`);
  }
}

export class UnknownCase extends Error {
  constructor(readonly caseId: string) {
    super(`no case ${caseId}`);
  }
}

/** A status change the case's state machine does not allow, or one without a reason. */
export class CaseChangeRefused extends Error {
  constructor(readonly reason: 'transition' | 'reason-required' | 'bad-digest' | 'sale-already-linked') {
    super(`case change refused: ${reason}`);
  }
}

const event = (caseId: string, kind: CaseEventRecord['kind'], operatorId: string, now: number, text = '', detail: CaseEventRecord['detail'] = {}): CaseEventRecord => ({ id: uuidv7(now), caseId, at: now, operatorId, kind, text, detail });

/** Moves the open-case count of each sale by `delta` (never below 0), audited on the sale. */
const moveSaleCounts = async (db: CountersignDb, saleIds: readonly string[], delta: 1 | -1, actor: string, action: string, caseId: string): Promise<void> => {
  for (const id of saleIds) {
    const sale = await db.sales.get(id);
    if (!sale) continue;
    await updateSale(db, id, { openCases: Math.max(0, sale.openCases + delta) }, { actor, action, detail: { caseId } });
  }
};

const auditCase = (db: CountersignDb, actor: string, action: string, caseId: string, now: number, detail: Record<string, unknown>) =>
  appendAudit(db, { actor, action, objectType: 'case', objectId: caseId, result: 'ok', detail }, now);

export const openCase = (db: CountersignDb, input: NewCase, now: number = Date.now()): Promise<DisputeCaseRecord> =>
  db.transaction('rw', caseTables(db), async () => {
    const saleIds = [...new Set(input.saleIds)];
    for (const id of saleIds) if (!(await db.sales.get(id))) throw new UnknownSale(id);
    const record: DisputeCaseRecord = {
      id: uuidv7(now),
      saleId: saleIds[0] ?? null,
      saleIds,
      type: input.type,
      state: 'open',
      status: 'open',
      origin: input.origin ?? 'sale',
      reason: input.reason ?? null,
      notice: input.notice ?? null,
      complaintAt: input.complaintAt ?? now,
      createdAt: now,
      updatedAt: now,
      dueAt: input.dueAt,
      notes: input.notes,
      operatorId: input.operatorId,
      evidence: null,
    };
    await db.cases.add(record);
    await db.caseEvents.add(event(record.id, 'opened', input.operatorId, now, input.notes, { type: record.type, origin: record.origin }));
    await bumpCounters(db, { [OPEN_CASES_COUNTER]: 1 });
    await auditCase(db, input.operatorId, 'case.open', record.id, now, { type: record.type, origin: record.origin, saleIds, reason: record.reason, notice: record.notice, dueAt: record.dueAt });
    await moveSaleCounts(db, saleIds, 1, input.operatorId, 'case.open', record.id);
    return record;
  });

/** Links more sales to a case (the matching sales of a bank notice, the other half of a duplicate pair). */
export const linkSales = (db: CountersignDb, caseId: string, saleIds: readonly string[], operatorId: string, now: number = Date.now()): Promise<DisputeCaseRecord> =>
  db.transaction('rw', caseTables(db), async () => {
    const record = await db.cases.get(caseId);
    if (!record) throw new UnknownCase(caseId);
    const added = [...new Set(saleIds)].filter((id) => !record.saleIds.includes(id));
    if (added.length === 0) throw new CaseChangeRefused('sale-already-linked');
    for (const id of added) if (!(await db.sales.get(id))) throw new UnknownSale(id);
    const all = [...record.saleIds, ...added];
    const next: DisputeCaseRecord = { ...record, saleIds: all, saleId: record.saleId ?? all[0] ?? null, updatedAt: now };
    await db.cases.put(next);
    await db.caseEvents.add(event(caseId, 'link', operatorId, now, '', { saleIds: added.join(',') }));
    await auditCase(db, operatorId, 'case.link', caseId, now, { saleIds: added });
    if (isActive(record.status)) await moveSaleCounts(db, added, 1, operatorId, 'case.link', caseId);
    return next;
  });

const move = async (db: CountersignDb, record: DisputeCaseRecord, to: CaseStatus, operatorId: string, reason: string, now: number, extra: Partial<DisputeCaseRecord> = {}, detail: CaseEventRecord['detail'] = {}): Promise<DisputeCaseRecord> => {
  const wasActive = isActive(record.status);
  const active = isActive(to);
  const next: DisputeCaseRecord = { ...record, ...extra, status: to, state: active ? 'open' : 'closed', updatedAt: now };
  await db.cases.put(next);
  await db.caseEvents.add(event(record.id, to === 'evidence-sent' && extra.evidence ? 'evidence' : 'status', operatorId, now, reason, { from: record.status, to, ...detail }));
  await auditCase(db, operatorId, to === 'evidence-sent' && extra.evidence ? 'case.evidence-sent' : 'case.status', record.id, now, { from: record.status, to, reason, ...detail });
  if (wasActive !== active) {
    await bumpCounters(db, { [OPEN_CASES_COUNTER]: active ? 1 : -1 });
    await moveSaleCounts(db, record.saleIds, active ? 1 : -1, operatorId, active ? 'case.reopen' : 'case.close', record.id);
  }
  return next;
};

/** Changes a case's status: allowed moves only (case-status.ts), always with who and why. */
export const setCaseStatus = (db: CountersignDb, caseId: string, to: CaseStatus, reason: string, operatorId: string, now: number = Date.now()): Promise<DisputeCaseRecord> =>
  db.transaction('rw', caseTables(db), async () => {
    const record = await db.cases.get(caseId);
    if (!record) throw new UnknownCase(caseId);
    if (!reason.trim()) throw new CaseChangeRefused('reason-required');
    if (!canMove(record.status, to)) throw new CaseChangeRefused('transition');
    return move(db, record, to, operatorId, reason.trim(), now);
  });

/**
 * The case's evidence bundle was exported and sent: the case moves to `evidence-sent` and records the
 * bundle's SHA-256 (64 hex digits), so which bundle went to the bank can be proven later. Sending a
 * corrected bundle again replaces the digest (the timeline and the audit keep both).
 */
export const recordEvidenceSent = (db: CountersignDb, caseId: string, bundleSha256: string, operatorId: string, now: number = Date.now()): Promise<DisputeCaseRecord> =>
  db.transaction('rw', caseTables(db), async () => {
    const record = await db.cases.get(caseId);
    if (!record) throw new UnknownCase(caseId);
    if (!/^[0-9a-f]{64}$/.test(bundleSha256)) throw new CaseChangeRefused('bad-digest');
    if (!canMove(record.status, 'evidence-sent')) throw new CaseChangeRefused('transition');
    return move(db, record, 'evidence-sent', operatorId, '', now, { evidence: { bundleSha256, sentAt: now, operatorId } }, { bundleSha256 });
  });

export const getCase = (db: CountersignDb, caseId: string): Promise<DisputeCaseRecord | undefined> => db.cases.get(caseId);

/** Cases of one sale, oldest first (a sale has a handful). */
export const casesForSale = async (db: CountersignDb, saleId: string): Promise<DisputeCaseRecord[]> =>
  (await db.cases.where('saleIds').equals(saleId).toArray()).sort((a, b) => a.createdAt - b.createdAt);

/** Active cases by due date (no due date last), up to `limit`: one read of the open ones (a shop has hundreds, not millions). */
export const openCases = async (db: CountersignDb, limit = 2000): Promise<DisputeCaseRecord[]> =>
  (await db.cases.where('state').equals('open').limit(limit).toArray()).sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.createdAt - b.createdAt);

/** Decided cases of one status, newest first. */
export const casesWithStatus = (db: CountersignDb, status: CaseStatus, limit = 200): Promise<DisputeCaseRecord[]> =>
  db.cases.where('status').equals(status).reverse().limit(limit).toArray();

/** The first active case due before `before` (for the app-bar badge: reads one row). */
export const dueBefore = (db: CountersignDb, before: number, limit = 500): Promise<DisputeCaseRecord[]> =>
  db.cases.where('[state+dueAt]').between(['open', -Infinity], ['open', before]).limit(limit).toArray();

export const openCaseCount = (db: CountersignDb): Promise<number> => readCounter(db, OPEN_CASES_COUNTER);
