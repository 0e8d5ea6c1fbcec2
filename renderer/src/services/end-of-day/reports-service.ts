import { uuidv7 } from '../../../../shared/domain/ids';
import { buildReportDocument } from '../../../../shared/domain/receipt/report-document';
import type { ReportData } from '../../../../shared/domain/reports/report-data';
import { dayOf } from '../../../../shared/domain/reconciliation/values';
import type { Settings } from '../../../../shared/domain/settings';
import type { PrintResult } from '../../../../shared/ipc/commands/printer';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CountersignDb } from '../../data/db';
import type { ReportKind, ReportRecord } from '../../data/records-eod';
import { getReport, listReports, markReportPrinted, saveReport } from '../../data/reports-repo';
import { printReceipt } from '../print-receipt';
import { Observable } from '../observable';
import type { ServiceError } from '../observable';
import { dailyReport, operatorNames, shiftReport } from './report-builder';
import { listOperators } from '../../data/operators-repo';

export interface ReportsDeps {
  db: CountersignDb;
  print: (request: { jobId: string; markup: string; copy: 'report' }) => Promise<Envelope<PrintResult>>;
  settings: () => Settings;
  now?: () => number;
}

export interface PrintOutcome {
  reportId: string;
  state: 'confirmed' | 'failed' | 'sent' | 'queued' | 'sending';
  failure: string | null;
}

export interface ReportsSnapshot {
  daily: ReportRecord[];
  shift: ReportRecord[];
  settlement: ReportRecord[];
  /** The report on screen. */
  shown: ReportRecord | null;
  printing: string | null;
  lastPrint: PrintOutcome | null;
  error: ServiceError | null;
  /** Operators a shift report can be made for. */
  operators: Array<{ id: string; name: string }>;
}

/**
 * Daily and shift reports made from the running totals, stored as made (so a reprint is the same
 * document), shown on screen through the receipt preview and printed on the receipt printer with
 * the print journal; any past report, settlement slips included, can be reprinted (REPRINT n).
 */
export class ReportsService extends Observable<ReportsSnapshot> {
  private readonly names;

  constructor(private readonly deps: ReportsDeps) {
    super({ daily: [], shift: [], settlement: [], shown: null, printing: null, lastPrint: null, error: null, operators: [] });
    this.names = operatorNames(deps.db);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async refresh(): Promise<void> {
    const [daily, shift, settlement] = await Promise.all((['daily', 'shift', 'settlement'] as const).map((k) => listReports(this.deps.db, k, 30)));
    const operators = (await listOperators(this.deps.db)).filter((o) => !o.disabled).map((o) => ({ id: o.id, name: o.name }));
    this.set({ daily, shift, settlement, operators });
  }

  /** The document as it prints (for the on-screen preview). */
  markup(report: ReportRecord, reprint: number | null = report.prints > 0 ? report.prints : null): string {
    const s = this.deps.settings();
    return buildReportDocument({ data: report.data, shopName: s.shop.name, merchantId: s.shop.merchantId, terminalId: s.shop.terminalId, paper: s.printer.paperWidth, dotsPerLine: s.printer.dotsPerLine, language: 'bilingual', timeZone: 'Asia/Shanghai', printedAt: this.now(), reprint });
  }

  /** Makes and stores a daily report (`day` defaults to today) or a shift report for `operatorId`. */
  async make(kind: 'daily' | 'shift', operatorId: string, day: string = dayOf(this.now()), forOperator: string = operatorId): Promise<ReportRecord> {
    const data: ReportData = kind === 'daily' ? await dailyReport(this.deps.db, day, this.names, this.now()) : await shiftReport(this.deps.db, day, forOperator, this.names, this.now());
    const report: ReportRecord = { id: uuidv7(this.now()), kind, scopeId: kind === 'daily' ? day : `${day}|${forOperator}`, createdAt: this.now(), operatorId, data, prints: 0, printJobIds: [] };
    await saveReport(this.deps.db, report);
    this.set({ shown: report, error: null });
    await this.refresh();
    return report;
  }

  async show(id: string | null): Promise<void> {
    this.set({ shown: id ? ((await getReport(this.deps.db, id)) ?? null) : null });
  }

  /** Prints (or reprints) a stored report through the journal; the first print that may have put paper out makes the next one REPRINT 1. */
  async print(reportId: string, operatorId: string): Promise<PrintOutcome> {
    const report = await getReport(this.deps.db, reportId);
    if (!report) {
      const out: PrintOutcome = { reportId, state: 'failed', failure: 'not-found' };
      this.set({ lastPrint: out });
      return out;
    }
    this.set({ printing: reportId, lastPrint: null });
    const reprint = report.prints;
    try {
      const outcome = await printReceipt(
        { db: this.deps.db, print: (r) => this.deps.print({ ...r, copy: 'report' }) },
        { saleId: null, copy: 'report', operatorId, printer: this.deps.settings().printer.transport, reprint, markup: () => this.markup(report, reprint > 0 ? reprint : null) },
      );
      const paperOut = outcome.job.state === 'confirmed' || outcome.job.state === 'sent' || (outcome.job.state === 'failed' && outcome.job.bytesSha256 !== null);
      const updated = await markReportPrinted(this.deps.db, reportId, outcome.job.id, paperOut);
      const out: PrintOutcome = { reportId, state: outcome.job.state, failure: outcome.failure };
      this.set({ printing: null, lastPrint: out, shown: this.getSnapshot().shown?.id === reportId && updated ? updated : this.getSnapshot().shown });
      await this.refresh();
      return out;
    } catch (error) {
      const out: PrintOutcome = { reportId, state: 'failed', failure: error instanceof Error ? error.message : String(error) };
      this.set({ printing: null, lastPrint: out });
      return out;
    }
  }

  list(kind: ReportKind): ReportRecord[] {
    return this.getSnapshot()[kind];
  }
}
