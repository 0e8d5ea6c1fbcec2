import Dexie from 'dexie';
import { appendAudit, auditTables } from './audit-repo';
import type { CountersignDb } from './db';
import type { BatchRecord, ReportKind, ReportRecord } from './records-eod';

/**
 * Settled batches and the reports made from them (settlement slip, daily, shift). A report is
 * stored once with its data and only its print count changes, so any past one can be shown and
 * reprinted exactly; each save and each print is audited.
 */
export const saveReport = (db: CountersignDb, report: ReportRecord): Promise<ReportRecord> =>
  db.transaction('rw', [db.reports, ...auditTables(db)], async () => {
    await db.reports.add(report);
    await appendAudit(db, { actor: report.operatorId, action: `report.${report.kind}`, objectType: 'report', objectId: report.id, result: 'ok', detail: { scope: report.scopeId } });
    return report;
  });

/**
 * The host settled a batch: its record and its settlement slip in one transaction with the audit
 * entry, so a batch is never closed without its slip (or the other way round). A close repeated
 * for a batch already recorded (main answered from its record) changes nothing.
 */
export const recordBatchClose = (db: CountersignDb, batch: BatchRecord, slip: ReportRecord): Promise<{ batch: BatchRecord; slip: ReportRecord }> =>
  db.transaction('rw', [db.batches, db.reports, ...auditTables(db)], async () => {
    const known = await db.batches.get(batch.batch);
    if (known && known.closedAt <= batch.closedAt) {
      const knownSlip = await db.reports.get(known.reportId);
      if (knownSlip) return { batch: known, slip: knownSlip };
    }
    await db.reports.add(slip);
    await db.batches.put(batch);
    await appendAudit(db, {
      actor: batch.closedBy,
      action: 'batch.settled',
      objectType: 'batch',
      objectId: batch.batch,
      result: 'ok',
      detail: { approvedBy: batch.approvedBy, outcome: batch.outcome, domestic: batch.domestic, foreign: batch.foreign, uploaded: batch.uploaded, nextBatch: batch.nextBatch, reportId: slip.id, netFen: slip.data.netFen },
    });
    return { batch, slip };
  });

/** A settlement that did not happen (refused, no answer), audited with why. */
export const auditBatchCloseFailed = (db: CountersignDb, batch: string, actor: string, detail: Record<string, unknown>): Promise<void> =>
  db.transaction('rw', auditTables(db), async () => {
    await appendAudit(db, { actor, action: 'batch.settle-failed', objectType: 'batch', objectId: batch, result: 'fail', detail });
  });

/** The print journal said this report's job may have put paper out: the next print is a reprint. */
export const markReportPrinted = (db: CountersignDb, id: string, jobId: string, paperOut: boolean): Promise<ReportRecord | undefined> =>
  db.transaction('rw', db.reports, async () => {
    const r = await db.reports.get(id);
    if (!r) return undefined;
    const next = { ...r, prints: r.prints + (paperOut ? 1 : 0), printJobIds: [...r.printJobIds, jobId] };
    await db.reports.put(next);
    return next;
  });

export const getReport = (db: CountersignDb, id: string): Promise<ReportRecord | undefined> => db.reports.get(id);

/** Newest first. */
export const listReports = (db: CountersignDb, kind: ReportKind, limit = 50): Promise<ReportRecord[]> =>
  db.reports.where('[kind+createdAt]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).reverse().limit(limit).toArray();

/** Newest first. */
export const listBatches = (db: CountersignDb, limit = 50): Promise<BatchRecord[]> => db.batches.orderBy('closedAt').reverse().limit(limit).toArray();

/** When the batch before `batch` closed (the start of this batch's period), or null. */
export const lastClose = async (db: CountersignDb): Promise<BatchRecord | null> => (await db.batches.orderBy('closedAt').last()) ?? null;
