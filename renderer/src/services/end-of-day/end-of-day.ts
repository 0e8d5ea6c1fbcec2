import { uuidv7 } from '../../../../shared/domain/ids';
import { settlementTotals } from '../../../../shared/domain/reports/summarize';
import type { CommandName, RequestOf, ResponseOf } from '../../../../shared/ipc/contract';
import type { Envelope } from '../../../../shared/ipc/envelope';
import { readCounters } from '../../data/counters-repo';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import type { BatchRecord, ReportRecord } from '../../data/records-eod';
import { auditBatchCloseFailed, lastClose, listBatches, recordBatchClose } from '../../data/reports-repo';
import { totalsOf } from '../../data/totals-repo';
import { Observable } from '../observable';
import type { ServiceError } from '../observable';
import { settlementReport } from './report-builder';
import type { ReportsService } from './reports-service';
import { salesCreatedBetween } from '../../data/sales-repo';

type Invoke = <K extends CommandName>(command: K, request: RequestOf<K>) => Promise<Envelope<ResponseOf<K>>>;

export interface EndOfDayDeps {
  db: CountersignDb;
  invoke: Invoke;
  reports: ReportsService;
  /** Forwards offline sales still waiting and settles unresolved ones (the sale jobs), before the close. */
  sendOpenSales: () => Promise<void>;
  now?: () => number;
}

/** What is still open when a manager closes the batch; the screen explains what each means for it. */
export interface CloseWarnings {
  /** Accepted offline, not yet at the host: sent first; any still waiting go into the next batch. */
  offline: number;
  /** Sent, no answer yet: asked about (inquiry, reversal) first; the host may count one the console does not. */
  unresolved: number;
  /** Charged without a signature: settled like any sale, but open to a chargeback until signed (补签). */
  unsigned: number;
}

export type ClosePhase = 'idle' | 'sending-open' | 'settling' | 'recording' | 'printing';

export interface EndOfDaySnapshot {
  batch: string | null;
  /** The open batch's debits and credits so far. */
  debit: { count: number; fen: number };
  credit: { count: number; fen: number };
  warnings: CloseWarnings;
  phase: ClosePhase;
  last: { batch: BatchRecord; slip: ReportRecord } | null;
  batches: BatchRecord[];
  error: ServiceError | null;
}

/** Sales of a batch as the batch upload sends them: only what the host counts, each with its host references. */
const uploadItems = (sales: readonly SaleRecord[], batch: string) =>
  sales
    .filter((s) => s.batch === batch && s.stan && ((s.kind === 'sale' && (s.state === 'approved' || s.state === 'voided')) || (s.kind !== 'sale' && s.state === 'approved')))
    .map((s) => ({ saleId: s.id, kind: s.kind === 'sale' && s.forwardedAt !== null ? ('advice' as const) : s.kind, stan: s.stan ?? '', amountFen: s.amountFen, rrn: s.rrn, authCode: s.authCode }));

/** An offline sale can wait this long before it is forwarded, so a batch's sales start at most this far before its first. */
const OFFLINE_MAX_AGE_MS = 7 * 86_400_000;

/**
 * End of day (批结算): a manager closes the open batch. Offline sales are sent and unresolved ones
 * settled first; the running totals of the batch go to the host (acquirer:settle), which answers
 * balanced, or unbalanced and takes the batch upload; the batch record and its settlement slip
 * are written together, and the slip is printed. Main moves the batch number on.
 */
export class EndOfDayService extends Observable<EndOfDaySnapshot> {
  constructor(private readonly deps: EndOfDayDeps) {
    super({ batch: null, debit: { count: 0, fen: 0 }, credit: { count: 0, fen: 0 }, warnings: { offline: 0, unresolved: 0, unsigned: 0 }, phase: 'idle', last: null, batches: [], error: null });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async warnings(batch: string | null): Promise<CloseWarnings> {
    const c = await readCounters(this.deps.db, ['state:offline-accepted', 'state:authorizing', 'state:unknown']);
    const unsigned = batch ? (await totalsOf(this.deps.db, 'batch', batch)).filter((r) => r.bucket === 'unsigned').reduce((t, r) => t + r.count, 0) : 0;
    return { offline: c['state:offline-accepted'], unresolved: c['state:authorizing'] + c['state:unknown'], unsigned };
  }

  async refresh(): Promise<void> {
    const status = await this.deps.invoke('acquirer:status', {});
    const batch = status.ok ? status.value.batch : null;
    const rows = batch ? await totalsOf(this.deps.db, 'batch', batch) : [];
    const sum = (bucket: 'debit' | 'credit') => rows.filter((r) => r.bucket === bucket).reduce((t, r) => ({ count: t.count + r.count, fen: t.fen + r.amountFen }), { count: 0, fen: 0 });
    this.set({ batch, debit: sum('debit'), credit: sum('credit'), warnings: await this.warnings(batch), batches: await listBatches(this.deps.db, 30), error: status.ok ? null : { code: status.error.code, ...(status.error.reason ? { reason: status.error.reason } : {}) } });
  }

  /** Closes the open batch, approved by the manager `approvedBy` (whose one-time grant main uses up), as `operatorId`. */
  async close(operatorId: string, approvedBy: string, grantId: string): Promise<{ batch: BatchRecord; slip: ReportRecord } | null> {
    const { db } = this.deps;
    this.set({ phase: 'sending-open', error: null, last: null });
    try {
      await this.deps.sendOpenSales();
      const status = await this.deps.invoke('acquirer:status', {});
      if (!status.ok) return this.fail({ code: status.error.code, ...(status.error.reason ? { reason: status.error.reason } : {}) });
      const batch = status.value.batch;
      const openAtClose = await this.warnings(batch);
      const rows = await totalsOf(db, 'batch', batch);
      const previous = await lastClose(db);
      const since = (previous?.closedAt ?? 0) - OFFLINE_MAX_AGE_MS;
      const sales = await salesCreatedBetween(db, since, this.now() + 1);
      this.set({ phase: 'settling' });
      const answer = await this.deps.invoke('acquirer:settle', { batch, ...settlementTotals(rows), transactions: uploadItems(sales, batch), grantId });
      if (!answer.ok) {
        await auditBatchCloseFailed(db, batch, operatorId, { approvedBy, code: answer.error.code, reason: answer.error.reason ?? null });
        return this.fail({ code: answer.error.code, ...(answer.error.reason ? { reason: answer.error.reason } : {}) });
      }
      const r = answer.value;
      if (r.outcome === 'failed' || r.outcome === 'refused' || !r.nextBatch) {
        await auditBatchCloseFailed(db, batch, operatorId, { approvedBy, outcome: r.outcome, failure: r.failure, responseCode: r.responseCode });
        return this.fail({ code: r.outcome === 'refused' ? 'settle-refused' : 'settle-failed', reason: r.failure ?? r.responseCode ?? r.outcome });
      }
      this.set({ phase: 'recording' });
      const closedAt = r.settledAt ? Date.parse(r.settledAt) : this.now();
      const first = sales.filter((s) => s.batch === batch).reduce<number | null>((m, s) => (m === null || s.createdAt < m ? s.createdAt : m), null);
      const host = { outcome: r.outcome, domestic: r.domestic ?? 'error', foreign: r.foreign ?? 'error', uploaded: r.uploaded, settleDate: r.settleDate };
      const data = await settlementReport(db, batch, { host, openAtClose, from: first ?? previous?.closedAt ?? null, to: closedAt });
      const slip: ReportRecord = { id: uuidv7(closedAt), kind: 'settlement', scopeId: batch, createdAt: closedAt, operatorId, data, prints: 0, printJobIds: [] };
      const record: BatchRecord = { batch, closedAt, closedBy: operatorId, approvedBy, outcome: r.outcome, domestic: host.domestic, foreign: host.foreign, uploaded: r.uploaded, settleDate: r.settleDate, nextBatch: r.nextBatch, reportId: slip.id, openAtClose };
      const saved = await recordBatchClose(db, record, slip);
      // The host has moved on: the screen shows the new, empty batch while the slip prints.
      this.set({ phase: 'printing', last: saved, batch: record.nextBatch, debit: { count: 0, fen: 0 }, credit: { count: 0, fen: 0 } });
      await this.deps.reports.print(saved.slip.id, operatorId);
      await this.deps.reports.refresh();
      this.set({ phase: 'idle' });
      await this.refresh();
      return saved;
    } catch (error) {
      return this.fail({ code: 'INTERNAL', detail: { message: error instanceof Error ? error.message : String(error) } });
    }
  }

  private fail(error: ServiceError): null {
    this.set({ phase: 'idle', error });
    return null;
  }
}

