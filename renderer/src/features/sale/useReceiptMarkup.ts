import { useLiveQuery } from 'dexie-react-hooks';
import type { Settings } from '../../../../shared/domain/settings';
import { ReceiptInputError } from '../../../../shared/domain/receipt';
import { getDb } from '../../data/db';
import type { PrintJobRecord, SaleRecord } from '../../data/records';
import { loadReceiptContext } from './receipt-context';
import { saleReceiptMarkup } from './sale-receipt';

export interface JobMarkup {
  markup: string | null;
  /** The job predates kept markup: rebuilt from the stored sale with today's settings. */
  rebuilt: boolean;
  /** Why it could not be rebuilt (a receipt input problem code). */
  problem: string | null;
}

/** The receipt a print job sent, for the on-screen preview; older jobs are rebuilt from the record. */
export const useReceiptMarkup = (sale: SaleRecord, job: PrintJobRecord | null, settings: Settings): JobMarkup | undefined =>
  useLiveQuery(async (): Promise<JobMarkup> => {
    if (!job) return { markup: null, rebuilt: false, problem: null };
    if (job.markup) return { markup: job.markup, rebuilt: false, problem: null };
    const context = await loadReceiptContext(getDb(), sale, '');
    try {
      return { markup: saleReceiptMarkup({ sale, ...context, settings, copy: job.copy, reprint: job.reprint, printedAt: job.createdAt }), rebuilt: true, problem: null };
    } catch (error) {
      if (error instanceof ReceiptInputError) return { markup: null, rebuilt: true, problem: error.reason };
      throw error;
    }
  }, [sale.id, sale.version, job?.id, job?.markup, settings]);
