import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { failedUnresolved, listForSale } from '../../data/print-jobs-repo';
import type { PrintJobRecord } from '../../data/records';

export const useSalePrintJobs = (saleId: string): PrintJobRecord[] | undefined => useLiveQuery(() => listForSale(getDb(), saleId), [saleId]);

/** Failed copies nobody has dealt with yet (the app bar's "not printed" alert). */
export const useNotPrinted = (): PrintJobRecord[] | undefined => useLiveQuery(() => failedUnresolved(getDb(), 50), []);
