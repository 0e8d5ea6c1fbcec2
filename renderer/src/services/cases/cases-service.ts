import { dueAtFor, dueDaysOf } from '../../../../shared/domain/cases/case-types';
import type { CaseType } from '../../../../shared/domain/cases/case-types';
import type { CaseStatus } from '../../../../shared/domain/cases/case-status';
import { evaluateChecklist } from '../../../../shared/domain/cases/checklists';
import type { Checklist } from '../../../../shared/domain/cases/checklists';
import type { AttachmentKind } from '../../../../shared/domain/cases/evidence-facts';
import type { Settings } from '../../../../shared/domain/settings';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { AttachmentTooLarge, addAttachment } from '../../data/attachments-repo';
import { addCaseEvent, caseEvents, recordSmsLookup } from '../../data/case-events-repo';
import { caseFacts } from '../../data/case-facts-repo';
import { CaseChangeRefused, UnknownCase, UnknownSale, getCase, linkSales, openCase, setCaseStatus } from '../../data/cases-repo';
import type { CountersignDb } from '../../data/db';
import type { CaseNotice, CaseReason, DisputeCaseRecord, SaleRecord } from '../../data/records';
import { querySales } from '../../data/sales-query';
import { getSale, linkedTo, salesByIds } from '../../data/sales-repo';
import { Observable } from '../observable';
import type { ServiceError } from '../observable';
import type { ReverseOutcome } from '../reverse-send';
import { explanationMarkup, lookupMarkup, printSlip } from './case-printing';
import type { HostAnswer } from './host-inquiry';
import { askHost } from './host-inquiry';

/**
 * Dispute cases as a workflow (issue 15): opening a case from a sale, from a bank SMS (time, amount,
 * last 4) or from a bank notice; linking sales; the host inquiry, the explanation slip and the refund
 * of a duplicate run from the case and are recorded on it; notes, contacts, attachments and status
 * changes with who and why. Screens call it; only the repositories touch the database.
 */
export interface CasesDeps {
  db: CountersignDb;
  api: Pick<CountersignApi, 'invoke'>;
  settings: () => Settings;
  operator: { id: string };
  /** The one void/refund path (composition.ts): a named manager's PIN, checked by main. */
  reverse: (original: SaleRecord, kind: 'void' | 'refund', amountFen: number, managerId: string, managerPin: string) => Promise<ReverseOutcome>;
  now?: () => number;
}

export interface SmsQuery {
  at: number;
  amountFen: number;
  last4: string;
}

/** The bank SMS's time ± this: a phone's clock and the host's differ by minutes. */
export const LOOKUP_WINDOW_MS = 30 * 60 * 1000;
/** A bank notice's transaction date (or the case's first sale) ± this, for candidate sales (notices give a date, not a time). */
export const NOTICE_WINDOW_MS = 36 * 3_600_000;

export interface CasesSnapshot {
  busy: string | null;
  error: ServiceError | null;
}

const codeOf = (error: unknown): ServiceError => {
  if (error instanceof CaseChangeRefused) return { code: error.reason };
  if (error instanceof UnknownSale) return { code: 'unknown-sale' };
  if (error instanceof UnknownCase) return { code: 'unknown-case' };
  if (error instanceof AttachmentTooLarge) return { code: 'too-large' };
  return { code: 'failed' };
};

export class CasesService extends Observable<CasesSnapshot> {
  constructor(private readonly deps: CasesDeps) {
    super({ busy: null, error: null });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Runs one action: busy while it runs, a translated error code (never a throw) when it fails. */
  private async run<T>(label: string, fn: () => Promise<T>): Promise<T | null> {
    this.set({ busy: label, error: null });
    try {
      const value = await fn();
      this.set({ busy: null });
      return value;
    } catch (error) {
      this.set({ busy: null, error: codeOf(error) });
      return null;
    }
  }

  clearError(): void {
    this.set({ error: null });
  }

  /** The deadline a new case of `type` gets from Settings → Cases. */
  dueAtFor(type: CaseType, openedAt: number = this.now()): number {
    return dueAtFor(openedAt, dueDaysOf(this.deps.settings().cases, type));
  }

  open(input: { type: CaseType; saleIds: string[]; origin: DisputeCaseRecord['origin']; notes?: string; reason?: CaseReason | null; notice?: CaseNotice | null; complaintAt?: number; dueAt?: number | null }): Promise<DisputeCaseRecord | null> {
    const now = this.now();
    return this.run('open', () =>
      openCase(
        this.deps.db,
        {
          type: input.type,
          saleIds: input.saleIds,
          origin: input.origin,
          notes: (input.notes ?? '').slice(0, 2000),
          reason: input.reason ?? null,
          notice: input.notice ?? null,
          complaintAt: input.complaintAt ?? now,
          dueAt: input.dueAt === undefined ? this.dueAtFor(input.type, now) : input.dueAt,
          operatorId: this.deps.operator.id,
        },
        now,
      ),
    );
  }

  /** Sales shaped like a bank SMS; "no such sale here" is recorded (audited) so it can be shown later. */
  async lookup(q: SmsQuery): Promise<SaleRecord[]> {
    const found = await querySales(this.deps.db, 'all', { from: q.at - LOOKUP_WINDOW_MS, to: q.at + LOOKUP_WINDOW_MS, amountFen: q.amountFen, last4: q.last4 }, 20);
    await recordSmsLookup(this.deps.db, { ...q, candidates: found.length }, this.deps.operator.id, this.now());
    return found;
  }

  /**
   * Sales that may belong to the case and are not linked yet: for a bank notice, its amount and last 4
   * around its transaction date; otherwise the first sale's amount and card around its time (the other
   * half of a duplicate pair).
   */
  async candidates(c: DisputeCaseRecord, transactionAt: number | null = null): Promise<SaleRecord[]> {
    const first = c.saleIds[0] ? await getSale(this.deps.db, c.saleIds[0]) : undefined;
    const shape = c.notice && c.notice.amountFen !== null && /^\d{4}$/.test(c.notice.last4)
      ? { at: transactionAt ?? c.notice.receivedAt ?? c.createdAt, amountFen: c.notice.amountFen, last4: c.notice.last4 }
      : first && first.last4
        ? { at: first.createdAt, amountFen: first.amountFen, last4: first.last4 }
        : null;
    if (!shape) return [];
    const found = await querySales(this.deps.db, 'all', { from: shape.at - NOTICE_WINDOW_MS, to: shape.at + NOTICE_WINDOW_MS, amountFen: shape.amountFen, last4: shape.last4 }, 50);
    return found.filter((s) => s.kind === 'sale' && !c.saleIds.includes(s.id));
  }

  link(caseId: string, saleIds: string[]): Promise<DisputeCaseRecord | null> {
    return this.run('link', () => linkSales(this.deps.db, caseId, saleIds, this.deps.operator.id, this.now()));
  }

  setStatus(caseId: string, to: CaseStatus, reason: string): Promise<DisputeCaseRecord | null> {
    return this.run('status', () => setCaseStatus(this.deps.db, caseId, to, reason, this.deps.operator.id, this.now()));
  }

  addNote(caseId: string, kind: 'note' | 'contact', text: string, channel: string | null = null): Promise<unknown> {
    if (!text.trim()) {
      this.set({ error: { code: 'empty-note' } });
      return Promise.resolve(null);
    }
    return this.run('note', () => addCaseEvent(this.deps.db, { caseId, kind, operatorId: this.deps.operator.id, text: text.trim(), detail: { channel } }, this.now()));
  }

  /** A photo, scan or PDF kept with the case (size limit and hash in attachments-repo), as evidence of `kind`. */
  attach(caseId: string, file: { name: string; type: string; data: Blob }, kind: AttachmentKind): Promise<unknown> {
    return this.run('attach', async () => {
      const a = await addAttachment(this.deps.db, { ownerId: caseId, name: file.name, mimeType: file.type, data: file.data, operatorId: this.deps.operator.id, kind }, this.now());
      await addCaseEvent(this.deps.db, { caseId, kind: 'attachment', operatorId: this.deps.operator.id, text: a.name, detail: { attachmentId: a.id, kind, sha256: a.sha256, size: a.size } }, this.now());
      return a;
    });
  }

  /** Asks the host about a sale of the case and records its answer on the case (a checklist item). */
  inquire(caseId: string, saleId: string): Promise<HostAnswer | null> {
    return this.run('inquire', async () => {
      const sale = await getSale(this.deps.db, saleId);
      if (!sale) throw new UnknownSale(saleId);
      const answer = await askHost(this.deps.api, sale);
      // Only a host answer is evidence; a failed ask or another host's sale is said on screen only.
      if (answer === 'approved' || answer === 'declined' || answer === 'not-found') {
        await addCaseEvent(this.deps.db, { caseId, kind: 'inquiry', operatorId: this.deps.operator.id, text: '', detail: { saleId, outcome: answer } }, this.now());
      }
      return answer;
    });
  }

  /** Prints the explanation slip (说明单) for the customer and records the print's outcome on the case. */
  printExplanation(caseId: string): Promise<string | null> {
    return this.run('slip', async () => {
      const c = await getCase(this.deps.db, caseId);
      if (!c) throw new UnknownCase(caseId);
      const sales = await salesByIds(this.deps.db, c.saleIds);
      const linked = (await Promise.all(sales.map((s) => linkedTo(this.deps.db, s.id)))).flat();
      const host = new Map<string, 'approved' | 'declined' | 'not-found'>();
      for (const e of await caseEvents(this.deps.db, caseId)) {
        const outcome = e.detail.outcome;
        if (e.kind === 'inquiry' && (outcome === 'approved' || outcome === 'declined' || outcome === 'not-found')) host.set(String(e.detail.saleId), outcome);
      }
      const out = await printSlip({ ...this.deps, now: () => this.now() }, this.deps.operator.id, (at) => explanationMarkup(this.deps.settings(), at, c, sales, linked, host));
      await addCaseEvent(this.deps.db, { caseId, kind: 'slip', operatorId: this.deps.operator.id, text: '', detail: { jobId: out.job.id, state: out.job.state, failure: out.failure } }, this.now());
      return out.job.state;
    });
  }

  /** Prints "no such sale here" for the customer's SMS. */
  printLookupSlip(q: SmsQuery): Promise<string | null> {
    return this.run('lookup-slip', async () => (await printSlip({ ...this.deps, now: () => this.now() }, this.deps.operator.id, (at) => lookupMarkup(this.deps.settings(), at, q))).job.state);
  }

  /**
   * Refunds the duplicate of a pair through the one refund path (manager PIN checked by main) and
   * links the refund to the case. Returns the outcome for the dialog to explain.
   */
  async refundDuplicate(caseId: string, duplicate: SaleRecord, amountFen: number, managerId: string, pin: string): Promise<ReverseOutcome> {
    const outcome = await this.deps.reverse(duplicate, 'refund', amountFen, managerId, pin);
    if (outcome.ok) {
      await this.run('refund', () => addCaseEvent(this.deps.db, { caseId, kind: 'refund', operatorId: this.deps.operator.id, text: '', detail: { saleId: duplicate.id, refundId: outcome.record.id, amountFen: outcome.record.amountFen } }, this.now()));
    }
    return outcome;
  }

  /** The case's checklist, computed from the records now. */
  async checklist(c: DisputeCaseRecord): Promise<Checklist> {
    return evaluateChecklist(c.type, c.reason?.category ?? null, await caseFacts(this.deps.db, c));
  }
}
