import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../data/db';
import { filterCounts, querySales } from '../../data/sales-query';
import type { SaleFilter, SaleSearch } from '../../data/sales-query';
import type { SaleRecord } from '../../data/records';
import { auditFor } from '../audit/audit-log';
import { listForSale } from '../../data/print-jobs-repo';
import { signaturesFor } from '../../data/signatures-repo';
import { buildTimeline } from './timeline';
import type { TimelineItem } from './timeline';

/** The live list's rows for a filter and search, newest first, `limit` at a time. */
export const useSalesPage = (filter: SaleFilter, search: SaleSearch, limit: number): SaleRecord[] | undefined =>
  useLiveQuery(() => querySales(getDb(), filter, search, limit), [filter, JSON.stringify(search), limit]);

export const useFilterCounts = (): Record<SaleFilter, number> | undefined => useLiveQuery(() => filterCounts(getDb()), []);

export const useSale = (id: string | null): SaleRecord | undefined => useLiveQuery(async () => (id ? getDb().sales.get(id) : undefined), [id]);

/** Everything that happened to a sale, in order: audit entries, print jobs, signatures. */
export const useTimeline = (saleId: string | null): TimelineItem[] | undefined =>
  useLiveQuery(async () => {
    if (!saleId) return [];
    const db = getDb();
    const [audit, jobs, signatures] = await Promise.all([auditFor(db, saleId), listForSale(db, saleId), signaturesFor(db, saleId)]);
    return buildTimeline(audit, jobs, signatures);
  }, [saleId]);
