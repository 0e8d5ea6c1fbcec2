import { CHARGED } from '../../../shared/domain/sale/sale-state';
import type { Settings } from '../../../shared/domain/settings';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { CountersignDb } from '../data/db';
import { ReceiptInputError } from '../../../shared/domain/receipt';
import { leftByStop, listForSale, queuedForSale, resolveJob } from '../data/print-jobs-repo';
import { isSaleCopy } from '../data/records';
import type { PrintJobRecord, ReprintSignatureCheck, SaleCopy, SaleRecord } from '../data/records';
import { getSale } from '../data/sales-repo';
import { printQueuedJob, printReceipt } from './print-receipt';
import type { PrintDeps, PrintOutcomeView } from './print-receipt';
import { loadReceiptContext } from './receipt-context';
import { saleReceiptMarkup } from './sale-receipt';

/** The receipt a print job sent, for the on-screen preview. */
export interface JobMarkup {
  markup: string | null;
  /** The job predates kept markup: rebuilt from the stored sale with today's settings. */
  rebuilt: boolean;
  /** Why it could not be rebuilt (a receipt input problem code). */
  problem: string | null;
}

/**
 * Printing a sale, from the stored record only (PRODUCT problems 4 and 5). A sale's first copies
 * are queued with its approval (send.ts); finishing the sale prints them, and a start prints those
 * a stop left queued. Any later print of a copy is stamped REPRINT n from the journal.
 */
export interface PrintSaleDeps {
  db: CountersignDb;
  api: CountersignApi;
  settings: () => Settings;
  operator: { id: string; name: string };
}

export class PrintSale {
  private readonly print: PrintDeps;

  constructor(private readonly deps: PrintSaleDeps) {
    this.print = { db: deps.db, print: (req) => deps.api.invoke('printer:print', req) };
  }

  private async markupFor(sale: SaleRecord, copy: SaleCopy, reprint: number, supplementaryTime: number | null): Promise<string> {
    const context = await loadReceiptContext(this.deps.db, sale, this.deps.operator.name);
    return saleReceiptMarkup({ sale, ...context, settings: this.deps.settings(), copy, reprint, printedAt: Date.now(), supplementaryTime });
  }

  /** The sale's copies still queued (merchant first: it carries the signature), each printed once. */
  async printQueued(sale: SaleRecord): Promise<PrintOutcomeView[]> {
    const fresh = (await getSale(this.deps.db, sale.id)) ?? sale;
    const jobs = (await queuedForSale(this.deps.db, sale.id)).sort((a, b) => (a.copy === 'merchant' ? -1 : b.copy === 'merchant' ? 1 : 0));
    const results: PrintOutcomeView[] = [];
    for (const job of jobs) {
      // A sale's queue holds its receipt copies only; end-of-day reports are printed at once, never queued.
      if (isSaleCopy(job.copy)) results.push(await printQueuedJob(this.print, job, await this.markupFor(fresh, job.copy, job.reprint, null), this.deps.settings().printer.transport));
    }
    return results;
  }

  /**
   * The copies Settings ask for, merchant first, printed now: a void or refund (queued with nothing:
   * its slips are printed when the manager's reversal is approved), so the customer keeps proof.
   */
  async printConfiguredCopies(record: SaleRecord): Promise<PrintOutcomeView[]> {
    const { merchantCopy, customerCopy } = this.deps.settings().printer;
    const copies: SaleCopy[] = [...(merchantCopy ? (['merchant'] as const) : []), ...(customerCopy ? (['customer'] as const) : [])];
    const results: PrintOutcomeView[] = [];
    for (const copy of copies) results.push(await this.printCopy(record, copy));
    return results;
  }

  /** One copy now: a reprint (stamped; with what 校验签名 said before it, when it ran) or a supplementary-signature slip. */
  async printCopy(sale: SaleRecord, copy: SaleCopy, supplementaryTime: number | null = null, explicitReprint = false, signatureCheck: ReprintSignatureCheck | null = null): Promise<PrintOutcomeView> {
    const fresh = (await getSale(this.deps.db, sale.id)) ?? sale;
    const context = await loadReceiptContext(this.deps.db, fresh, this.deps.operator.name);
    const outcome = await printReceipt(this.print, {
      saleId: sale.id,
      copy,
      operatorId: this.deps.operator.id,
      printer: this.deps.settings().printer.transport,
      explicitReprint,
      signatureCheck,
      markup: (reprint, printedAt) => saleReceiptMarkup({ sale: fresh, ...context, settings: this.deps.settings(), copy, reprint, printedAt, supplementaryTime }),
    });
    if (outcome.job.state === 'confirmed') {
      // The copy is on paper now: earlier failed, interrupted or still-queued attempts of it are dealt with.
      const open = (await listForSale(this.deps.db, sale.id)).filter((j) => j.copy === copy && j.id !== outcome.job.id && j.resolvedAt === null && j.state !== 'confirmed');
      for (const job of open) await resolveJob(this.deps.db, job.id, this.deps.operator.id, 'reprinted');
    }
    return outcome;
  }

  /**
   * The receipt a job sent, for the sale's on-screen preview: the markup kept with the job, or for
   * a job written before markup was kept, rebuilt from the stored record with today's settings.
   */
  async markupOf(sale: SaleRecord, job: PrintJobRecord): Promise<JobMarkup> {
    if (job.markup || !isSaleCopy(job.copy)) return { markup: job.markup ?? null, rebuilt: false, problem: null };
    const context = await loadReceiptContext(this.deps.db, sale, '');
    try {
      return { markup: saleReceiptMarkup({ sale, ...context, settings: this.deps.settings(), copy: job.copy, reprint: job.reprint, printedAt: job.createdAt }), rebuilt: true, problem: null };
    } catch (error) {
      if (error instanceof ReceiptInputError) return { markup: null, rebuilt: true, problem: error.reason };
      throw error;
    }
  }

  /** Copies a stop left queued (never sent: no paper can have come out), printed now. */
  async printLeftQueued(runStartedAt: number): Promise<number> {
    const jobs = await leftByStop(this.deps.db, ['queued'], runStartedAt);
    const sales = [...new Set(jobs.map((j) => j.saleId).filter((id): id is string => id !== null))];
    for (const id of sales) {
      const sale = await getSale(this.deps.db, id);
      if (sale && CHARGED.includes(sale.state)) await this.printQueued(sale);
    }
    return sales.length;
  }
}
