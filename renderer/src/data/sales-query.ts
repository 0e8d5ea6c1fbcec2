import type { CountersignDb } from './db';
import type { SaleRecord } from './records';
import { readAfter } from './sales-keyset';
import type { SalePlan, SaleSource } from './sales-keyset';
import { SALE_VIEWS, viewCounts } from './sales-views';
import type { SaleFilter } from './sales-views';

export interface SaleSearch {
  from?: number | null;
  to?: number | null;
  amountFen?: number | null;
  last4?: string | null;
  authCode?: string | null;
  /** Matches the cashier's reference or the host's reference number (RRN). */
  reference?: string | null;
}

const matchesSearch = (s: SaleRecord, q: SaleSearch): boolean =>
  (q.amountFen == null || s.amountFen === q.amountFen) &&
  (!q.last4 || s.last4 === q.last4) &&
  (!q.authCode || s.authCode === q.authCode) &&
  (!q.reference || s.reference === q.reference || s.rrn === q.reference);

/**
 * The rows of a filter and search as index reads: the most selective search index when there
 * is one (a card's last 4, an amount, an auth code, a reference), else the view's own index,
 * each already in time order; whatever the index does not answer is checked row by row with
 * the view's predicate (sales-views.ts).
 */
export const planFor = (filter: SaleFilter, q: SaleSearch): SalePlan => {
  const view = SALE_VIEWS[filter];
  const own = view.sources;
  const bySet = own.some((s) => s.index === 'set');
  let sources: readonly SaleSource[];
  if (bySet) sources = own;
  else if (q.last4) sources = [{ index: '[last4+createdAt]', key: q.last4 }];
  else if (q.amountFen != null) sources = [{ index: '[amountFen+createdAt]', key: q.amountFen }];
  else if (q.authCode) {
    const code = q.authCode;
    sources = [{ index: 'set', read: (db) => db.sales.where('authCode').equals(code).toArray() }];
  } else if (q.reference) {
    const ref = q.reference;
    sources = [{ index: 'set', read: (db) => db.sales.where('reference').equals(ref).or('rrn').equals(ref).toArray() }];
  } else sources = own;
  const narrowed = sources !== own;
  const searched = q.amountFen != null || !!q.last4 || !!q.authCode || !!q.reference;
  const keep = narrowed || searched ? (s: SaleRecord) => view.belongs(s) && matchesSearch(s, q) : undefined;
  return { sources, from: q.from ?? null, to: q.to ?? null, keep };
};

/** The newest `limit` sales of a filter and search (one keyset page). */
export const querySales = async (db: CountersignDb, filter: SaleFilter, q: SaleSearch, limit: number): Promise<SaleRecord[]> =>
  (await readAfter(db, planFor(filter, q), null, Math.max(1, Math.floor(limit)))).rows;

/** Count per filter, from the running counters and the two small sets. */
export const filterCounts = (db: CountersignDb): Promise<Record<SaleFilter, number>> => viewCounts(db);
