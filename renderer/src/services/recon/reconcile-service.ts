import { matchAll } from '../../../../shared/domain/reconciliation/matcher';
import { MISMATCH_KINDS } from '../../../../shared/domain/reconciliation/match-types';
import type { AcquirerRow, BankRow, ConsoleSlip, MatchKind } from '../../../../shared/domain/reconciliation/match-types';
import { dayOf, wallClockToMs } from '../../../../shared/domain/reconciliation/values';
import type { CountersignDb } from '../../data/db';
import { bankRowsBetween, rowsBetween, rowsByIds } from '../../data/recon-repo';
import { DayLocked, addExplanation, explanationsBetween, lockDay, lockedBetween, replaceResults, resultsBetween } from '../../data/recon-results-repo';
import type { SaleRecord } from '../../data/records';
import { DEFAULT_RECON_OPTIONS } from '../../data/records-eod';
import type { ReconDayRecord, ReconExplanationRecord, ReconOptions, ReconResultRecord, ReconRowRecord } from '../../data/records-eod';
import { getSetting, setSetting } from '../../data/settings-repo';
import { Observable } from '../observable';
import type { ServiceError } from '../observable';
import { CASE_TYPE_FOR, NEXT_STEPS, daysIn } from './queue-rules';
import type { NextStep } from './queue-rules';
import { getSale, salesByIds, salesCreatedBetween } from '../../data/sales-repo';

export interface QueueItem extends ReconResultRecord {
  slip: Pick<SaleRecord, 'id' | 'createdAt' | 'kind' | 'amountFen' | 'rrn' | 'stan' | 'batch' | 'last4'> | null;
  row: Pick<ReconRowRecord, 'id' | 'line' | 'importId' | 'at' | 'day' | 'kind' | 'amountFen' | 'feeFen' | 'rrn' | 'trace' | 'last4' | 'memo'> | null;
  bank: Pick<ReconRowRecord, 'id' | 'line' | 'day' | 'amountFen' | 'memo'> | null;
  explanations: ReconExplanationRecord[];
  /** A note or a dispute case settles it; an inquiry alone does not. */
  resolved: boolean;
  nextSteps: readonly NextStep[];
}

export interface DaySummary {
  day: string;
  counts: Partial<Record<MatchKind, number>>;
  open: number;
  locked: ReconDayRecord | null;
}

export interface ReconcileSnapshot {
  from: string;
  to: string;
  running: boolean;
  queue: QueueItem[];
  counts: Partial<Record<MatchKind, number>>;
  days: DaySummary[];
  options: ReconOptions;
  lastRunAt: number | null;
  error: ServiceError | null;
}

type Invoke = (command: 'acquirer:inquire', request: { saleId: string; stan: string; amountFen: number; linkId: string }) => Promise<{ ok: true; value: { outcome: string } } | { ok: false; error: { code: string; reason?: string } }>;

const slipOf = (s: SaleRecord, terminal: string): ConsoleSlip | null => {
  const counted = (s.kind === 'sale' && (s.state === 'approved' || s.state === 'voided')) || (s.kind !== 'sale' && s.state === 'approved');
  return counted ? { id: s.id, at: s.createdAt, day: dayOf(s.createdAt), kind: s.kind, amountFen: s.amountFen, rrn: s.rrn, terminal, batch: s.batch, trace: s.stan, last4: s.last4 || null } : null;
};

/**
 * 三单合一 over a range of days: the console's charged sales, the acquirer's settlement rows and
 * the bank's statement lines are matched (shared/domain/reconciliation/matcher.ts), results are
 * stored per day (a locked day keeps its own), and the mismatch queue shows each item with its
 * reason and next steps: open a dispute case (recorded as an intent for the disputes feature),
 * run an inquiry, or mark it explained with a note (manager). A day whose mismatches are all
 * resolved can be locked.
 */
export class ReconcileService extends Observable<ReconcileSnapshot> {
  constructor(
    private readonly db: CountersignDb,
    private readonly deps: { terminalId: () => string; linkId: () => string; invoke: Invoke; now?: () => number },
  ) {
    const today = dayOf(Date.now());
    super({ from: today, to: today, running: false, queue: [], counts: {}, days: [], options: DEFAULT_RECON_OPTIONS, lastRunAt: null, error: null });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async loadOptions(): Promise<void> {
    this.set({ options: { ...DEFAULT_RECON_OPTIONS, ...((await getSetting(this.db, 'recon.options')) ?? {}) } });
  }

  async setOptions(patch: Partial<ReconOptions>): Promise<void> {
    // Shown at once, then stored: two changes in quick succession (rate, then deposits) both stay.
    const options = { ...this.getSnapshot().options, ...patch };
    this.set({ options });
    await setSetting(this.db, 'recon.options', options);
  }

  /** Matches every day in [from, to] again (locked days keep their results) and shows the queue. */
  async run(from: string, to: string): Promise<void> {
    this.set({ running: true, error: null, from, to });
    try {
      const o = this.getSnapshot().options;
      const sales = await salesCreatedBetween(this.db, wallClockToMs(from, 0), wallClockToMs(to, 86_400));
      const terminal = this.deps.terminalId();
      const slips = sales.map((s) => slipOf(s, terminal)).filter((s): s is ConsoleSlip => s !== null);
      const rows: AcquirerRow[] = await rowsBetween(this.db, 'acquirer', from, to);
      const bankTo = new Date(Date.parse(`${to}T00:00:00Z`) + o.depositWindowDays * 86_400_000).toISOString().slice(0, 10);
      const bank: BankRow[] = await bankRowsBetween(this.db, from, bankTo);
      const runAt = this.now();
      const items = matchAll({ slips, rows, bank }, { windowMs: o.windowMinutes * 60_000, feeRateBp: o.feeRateBp, feeCapFen: o.feeCapFen, depositBy: o.depositBy, depositWindowDays: o.depositWindowDays });
      await replaceResults(this.db, daysIn(from, to), items.map((i) => ({ ...i, runAt })));
      this.set({ lastRunAt: runAt });
      await this.load(from, to);
    } catch (e) {
      this.set({ error: { code: 'INTERNAL', detail: { message: e instanceof Error ? e.message : String(e) } } });
    } finally {
      this.set({ running: false });
    }
  }

  /** Shows the stored results of [from, to] without matching again. */
  async load(from: string, to: string): Promise<void> {
    const [results, explanations, locked] = await Promise.all([resultsBetween(this.db, from, to), explanationsBetween(this.db, from, to), lockedBetween(this.db, from, to)]);
    const byKey = new Map<string, ReconExplanationRecord[]>();
    for (const e of explanations) (byKey.get(e.itemKey) ?? byKey.set(e.itemKey, []).get(e.itemKey))?.push(e);
    const mismatches = results.filter((r) => MISMATCH_KINDS.includes(r.kind));
    const sales = new Map((await salesByIds(this.db, mismatches.map((m) => m.slipId).filter((x): x is string => x !== null))).map((s) => [s.id, s]));
    const rows = new Map((await rowsByIds(this.db, mismatches.flatMap((m) => [m.rowId, m.bankId]).filter((x): x is string => x !== null))).map((r) => [r.id, r]));
    const queue: QueueItem[] = mismatches
      .map((m) => {
        const ex = byKey.get(m.key) ?? [];
        const s = m.slipId ? sales.get(m.slipId) : undefined;
        const r = m.rowId ? rows.get(m.rowId) : undefined;
        const b = m.bankId ? rows.get(m.bankId) : undefined;
        return {
          ...m,
          slip: s ? { id: s.id, createdAt: s.createdAt, kind: s.kind, amountFen: s.amountFen, rrn: s.rrn, stan: s.stan, batch: s.batch, last4: s.last4 } : null,
          row: r ? { id: r.id, line: r.line, importId: r.importId, at: r.at, day: r.day, kind: r.kind, amountFen: r.amountFen, feeFen: r.feeFen, rrn: r.rrn, trace: r.trace, last4: r.last4, memo: r.memo } : null,
          bank: b ? { id: b.id, line: b.line, day: b.day, amountFen: b.amountFen, memo: b.memo } : null,
          explanations: ex,
          resolved: ex.some((e) => e.kind === 'note' || e.kind === 'dispute-case'),
          nextSteps: NEXT_STEPS[m.kind],
        };
      })
      .sort((a, b) => (a.day === b.day ? (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.key < b.key ? -1 : 1) : a.day < b.day ? -1 : 1));
    const counts: Partial<Record<MatchKind, number>> = {};
    const perDay = new Map<string, DaySummary>();
    const lockedMap = new Map(locked.map((l) => [l.day, l]));
    for (const d of daysIn(from, to)) perDay.set(d, { day: d, counts: {}, open: 0, locked: lockedMap.get(d) ?? null });
    for (const r of results) {
      counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      const d = perDay.get(r.day);
      if (d) d.counts[r.kind] = (d.counts[r.kind] ?? 0) + 1;
    }
    for (const q of queue) {
      const d = perDay.get(q.day);
      if (d && !q.resolved) d.open += 1;
    }
    this.set({ from, to, queue, counts, days: [...perDay.values()].filter((d) => Object.keys(d.counts).length > 0 || d.locked) });
  }

  private item(key: string): QueueItem | null {
    return this.getSnapshot().queue.find((q) => q.key === key) ?? null;
  }

  private async record(item: QueueItem, fields: Pick<ReconExplanationRecord, 'kind' | 'note' | 'caseType' | 'outcome' | 'operatorId' | 'approvedBy'>): Promise<void> {
    try {
      await addExplanation(this.db, { ...fields, itemKey: item.key, day: item.day, matchKind: item.kind, caseId: null, saleId: item.slipId, rowId: item.rowId ?? item.bankId, amountFen: item.amountFen }, this.now());
      await this.load(this.getSnapshot().from, this.getSnapshot().to);
    } catch (e) {
      this.set({ error: e instanceof DayLocked ? { code: 'day-locked', detail: { day: e.day } } : { code: 'INTERNAL', detail: { message: e instanceof Error ? e.message : String(e) } } });
    }
  }

  /** Marks a mismatch explained with a note; a manager approved it. */
  explain(key: string, note: string, operatorId: string, approvedBy: string): Promise<void> {
    const item = this.item(key);
    if (!item || note.trim() === '') return Promise.resolve();
    return this.record(item, { kind: 'note', note: note.trim().slice(0, 500), caseType: null, outcome: null, operatorId, approvedBy });
  }

  /**
   * Resolves a mismatch by opening a dispute case. The case itself belongs to the disputes
   * feature: this records the intent (type, note, sale or row), with caseId null until that
   * feature opens the case and fills it in.
   */
  disputeCase(key: string, note: string, operatorId: string, approvedBy: string): Promise<void> {
    const item = this.item(key);
    if (!item) return Promise.resolve();
    return this.record(item, { kind: 'dispute-case', note: note.trim().slice(0, 500), caseType: CASE_TYPE_FOR[item.kind], outcome: null, operatorId, approvedBy });
  }

  /** Asks the card host what it did with the console's sale (acquirer:inquire); the answer is recorded on the item. */
  async inquire(key: string, operatorId: string): Promise<string | null> {
    const item = this.item(key);
    const sale = item?.slipId ? await getSale(this.db, item.slipId) : undefined;
    if (!item || !sale?.stan) return null;
    const answer = await this.deps.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen, linkId: sale.linkId ?? this.deps.linkId() });
    const outcome = answer.ok ? answer.value.outcome : `failed:${answer.error.reason ?? answer.error.code}`;
    await this.record(item, { kind: 'inquiry', note: '', caseType: null, outcome, operatorId, approvedBy: null });
    return outcome;
  }

  /** Locks a day whose mismatches are all resolved; a manager approved it. */
  async lock(day: string, operatorId: string, approvedBy: string): Promise<boolean> {
    const d = this.getSnapshot().days.find((x) => x.day === day);
    if (!d || d.locked) return false;
    if (d.open > 0) {
      this.set({ error: { code: 'day-open', detail: { day, open: d.open } } });
      return false;
    }
    await lockDay(this.db, { day, lockedAt: this.now(), lockedBy: operatorId, counts: d.counts }, approvedBy);
    await this.load(this.getSnapshot().from, this.getSnapshot().to);
    return true;
  }
}
