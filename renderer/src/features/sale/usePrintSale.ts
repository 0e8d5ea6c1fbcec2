import { useCallback } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { api } from '../../api/client';
import { getDb } from '../../data/db';
import type { SaleCopy, SaleRecord } from '../../data/records';
import { signaturesFor } from '../../data/signatures-repo';
import { listForSale, resolveJob } from '../../data/print-jobs-repo';
import { printReceipt } from '../printer/print-workflow';
import type { PrintOutcomeView } from '../printer/print-workflow';
import { saleReceiptMarkup } from './sale-receipt';

/**
 * Prints copies of a sale through the journal. The reprint number comes from the journal,
 * so the first print of a copy is plain and every later one is stamped REPRINT n.
 */
export const usePrintSale = (settings: Settings, operator: { id: string; name: string }) => {
  const printCopy = useCallback(
    async (sale: SaleRecord, copy: SaleCopy, supplementaryTime: number | null = null, explicitReprint = false): Promise<PrintOutcomeView> => {
      const db = getDb();
      const signatures = await signaturesFor(db, sale.id);
      const cashier = (await db.operators.get(sale.operatorId))?.name ?? operator.name;
      const outcome = await printReceipt(
        { db, print: (req) => api.invoke('printer:print', req) },
        {
          saleId: sale.id,
          copy,
          operatorId: operator.id,
          printer: settings.printer.transport,
          explicitReprint,
          markup: (reprint) => saleReceiptMarkup({ sale, signatures, operatorName: cashier, settings, copy, reprint, supplementaryTime }),
        },
      );
      if (outcome.job.state === 'confirmed') {
        // The copy is on paper now: earlier failed or interrupted attempts of it are dealt with.
        const open = (await listForSale(db, sale.id)).filter((j) => j.copy === copy && j.id !== outcome.job.id && j.resolvedAt === null && j.state !== 'confirmed');
        for (const job of open) await resolveJob(db, job.id, operator.id, 'reprinted');
      }
      return outcome;
    },
    [settings, operator.id, operator.name],
  );

  /** The copies settings ask for, merchant first (it carries the signature). */
  const printSale = useCallback(
    async (sale: SaleRecord): Promise<PrintOutcomeView[]> => {
      const copies: SaleCopy[] = [];
      if (settings.printer.merchantCopy) copies.push('merchant');
      if (settings.printer.customerCopy) copies.push('customer');
      const results: PrintOutcomeView[] = [];
      for (const copy of copies) results.push(await printCopy(sale, copy));
      return results;
    },
    [settings.printer.merchantCopy, settings.printer.customerCopy, printCopy],
  );

  return { printCopy, printSale };
};
