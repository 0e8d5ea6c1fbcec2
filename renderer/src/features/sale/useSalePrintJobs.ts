import { useLiveQuery } from 'dexie-react-hooks';
import { listForSale } from '../../data/print-jobs-repo';
import type { PrintJobRecord } from '../../data/records';
import { notPrintedSales } from '../../data/sales-views';
import { useRoot } from '../session/RootContext';

export const useSalePrintJobs = (saleId: string): PrintJobRecord[] | undefined => {
  const { db } = useRoot();
  return useLiveQuery(() => listForSale(db, saleId), [db, saleId]);
};

/** Charged sales with a copy not on paper yet (the app bar's "not printed" badge; the view in sales-views.ts). */
export const useNotPrintedCount = (): number | undefined => {
  const { db } = useRoot();
  return useLiveQuery(async () => (await notPrintedSales(db)).length, [db]);
};
