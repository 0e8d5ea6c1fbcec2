import { CHARGED } from '../../../shared/domain/sale/sale-state';
import type { Settings } from '../../../shared/domain/settings';
import type { CountersignApi } from '../../../shared/ipc/contract';
import type { CountersignDb } from '../data/db';
import { getOperatorRecord } from '../data/operators-repo';
import { leftByStop, listForSale, queuedForSale, resolveJob } from '../data/print-jobs-repo';
import type { Copy, SaleRecord } from '../data/records';
import { getSale } from '../data/sales-repo';
import { signaturesFor } from '../data/signatures-repo';
import { printQueuedJob, printReceipt } from './print-receipt';
import type { PrintDeps, PrintOutcomeView } from './print-receipt';
import { saleReceiptMarkup } from './sale-receipt';

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

  private async markupFor(sale: SaleRecord, copy: Copy, reprint: number, supplementaryTime: number | null): Promise<string> {
    const [signatures, cashier] = await Promise.all([signaturesFor(this.deps.db, sale.id), getOperatorRecord(this.deps.db, sale.operatorId)]);
    return saleReceiptMarkup({ sale, signatures, operatorName: cashier?.name ?? this.deps.operator.name, settings: this.deps.settings(), copy, reprint, supplementaryTime });
  }

  /** The sale's copies still queued (merchant first: it carries the signature), each printed once. */
  async printQueued(sale: SaleRecord): Promise<PrintOutcomeView[]> {
    const fresh = (await getSale(this.deps.db, sale.id)) ?? sale;
    const jobs = (await queuedForSale(this.deps.db, sale.id)).sort((a, b) => (a.copy === 'merchant' ? -1 : b.copy === 'merchant' ? 1 : 0));
    const results: PrintOutcomeView[] = [];
    for (const job of jobs) results.push(await printQueuedJob(this.print, job, await this.markupFor(fresh, job.copy, job.reprint, null), this.deps.settings().printer.transport));
    return results;
  }

  /** One copy now: a reprint (stamped) or a supplementary-signature slip. */
  async printCopy(sale: SaleRecord, copy: Copy, supplementaryTime: number | null = null, explicitReprint = false): Promise<PrintOutcomeView> {
    const fresh = (await getSale(this.deps.db, sale.id)) ?? sale;
    const signatures = await signaturesFor(this.deps.db, sale.id);
    const cashier = (await getOperatorRecord(this.deps.db, sale.operatorId))?.name ?? this.deps.operator.name;
    const outcome = await printReceipt(this.print, {
      saleId: sale.id,
      copy,
      operatorId: this.deps.operator.id,
      printer: this.deps.settings().printer.transport,
      explicitReprint,
      markup: (reprint) => saleReceiptMarkup({ sale: fresh, signatures, operatorName: cashier, settings: this.deps.settings(), copy, reprint, supplementaryTime }),
    });
    if (outcome.job.state === 'confirmed') {
      // The copy is on paper now: earlier failed, interrupted or still-queued attempts of it are dealt with.
      const open = (await listForSale(this.deps.db, sale.id)).filter((j) => j.copy === copy && j.id !== outcome.job.id && j.resolvedAt === null && j.state !== 'confirmed');
      for (const job of open) await resolveJob(this.deps.db, job.id, this.deps.operator.id, 'reprinted');
    }
    return outcome;
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
