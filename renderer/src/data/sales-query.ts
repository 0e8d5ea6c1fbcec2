import Dexie from 'dexie';
import type { Collection, InsertType } from 'dexie';
import type { CountersignDb } from './db';
import { failedUnresolved } from './print-jobs-repo';
import type { SaleRecord } from './records';

export const SALE_FILTERS = ['all', 'unsigned', 'not-printed', 'offline-pending', 'unknown', 'declined', 'reversed', 'refunded', 'follow-up', 'disputed'] as const;
export type SaleFilter = (typeof SALE_FILTERS)[number];

export interface SaleSearch {
  from?: number | null;
  to?: number | null;
  amountFen?: number | null;
  last4?: string | null;
  authCode?: string | null;
  /** Matches the cashier's reference or the host's reference number (RRN). */
  reference?: string | null;
}

const matchesFilter = (s: SaleRecord, filter: SaleFilter): boolean => {
  switch (filter) {
    case 'all':
    case 'not-printed':
    case 'disputed':
      return true;
    case 'unsigned':
      return s.signatureState === 'unsigned';
    case 'offline-pending':
      return s.state === 'offline-accepted';
    case 'unknown':
      return s.state === 'unknown' || s.state === 'authorizing';
    case 'declined':
      return s.state === 'declined';
    case 'reversed':
      return s.state === 'reversed' || s.state === 'voided';
    case 'refunded':
      return s.kind === 'refund';
    case 'follow-up':
      return s.followUp === 'open';
  }
};

const matchesSearch = (s: SaleRecord, q: SaleSearch): boolean =>
  (q.from == null || s.createdAt >= q.from) &&
  (q.to == null || s.createdAt <= q.to) &&
  (q.amountFen == null || s.amountFen === q.amountFen) &&
  (!q.last4 || s.last4 === q.last4) &&
  (!q.authCode || s.authCode === q.authCode) &&
  (!q.reference || s.reference === q.reference || s.rrn === q.reference);

const range = (db: CountersignDb, index: string, key: string | number, q: SaleSearch): Collection<SaleRecord, string, InsertType<SaleRecord, 'id'>> =>
  db.sales.where(index).between([key, q.from ?? Dexie.minKey], [key, q.to ?? Dexie.maxKey], true, true).reverse();

/**
 * Picks the most selective index for the search, else the filter's own index, and pages
 * newest first with a limit; the remaining conditions filter the rows as they stream.
 * Nothing here counts or scans the whole table.
 */
export const querySales = async (db: CountersignDb, filter: SaleFilter, q: SaleSearch, limit: number): Promise<SaleRecord[]> => {
  if (filter === 'not-printed' || filter === 'disputed') {
    const ids =
      filter === 'not-printed'
        ? (await failedUnresolved(db, 500)).map((j) => j.saleId).filter((id): id is string => id !== null)
        : (await db.cases.where('state').equals('open').toArray()).map((c) => c.saleId);
    const rows = (await db.sales.bulkGet([...new Set(ids)])).filter((s): s is SaleRecord => s !== undefined && matchesSearch(s, q));
    return rows.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }
  let base: Collection<SaleRecord, string, InsertType<SaleRecord, 'id'>>;
  if (q.last4) base = range(db, '[last4+createdAt]', q.last4, q);
  else if (q.amountFen != null) base = range(db, '[amountFen+createdAt]', q.amountFen, q);
  else if (q.authCode) base = db.sales.where('authCode').equals(q.authCode).reverse();
  else if (q.reference) base = db.sales.where('reference').equals(q.reference).or('rrn').equals(q.reference).reverse();
  else if (filter === 'unsigned') base = range(db, '[signatureState+createdAt]', 'unsigned', q);
  else if (filter === 'follow-up') base = range(db, '[followUp+createdAt]', 'open', q);
  else if (filter === 'refunded') base = range(db, '[kind+createdAt]', 'refund', q);
  else if (filter === 'offline-pending') base = range(db, '[state+createdAt]', 'offline-accepted', q);
  else if (filter === 'declined') base = range(db, '[state+createdAt]', 'declined', q);
  else if (filter === 'unknown') base = db.sales.where('state').anyOf(['unknown', 'authorizing']).reverse();
  else if (filter === 'reversed') base = db.sales.where('state').anyOf(['reversed', 'voided']).reverse();
  else base = db.sales.where('createdAt').between(q.from ?? Dexie.minKey, q.to ?? Dexie.maxKey, true, true).reverse();
  const rows = await base.filter((s) => matchesFilter(s, filter) && matchesSearch(s, q)).limit(limit).toArray();
  // anyOf/or collections come back in key order, not time order.
  return rows.sort((a, b) => b.createdAt - a.createdAt);
};

/** Count per filter, from the running counters and two small tables. */
export const filterCounts = async (db: CountersignDb): Promise<Record<SaleFilter, number>> => {
  const c = async (key: string): Promise<number> => (await db.counters.get(key))?.value ?? 0;
  const [sales, voids, unsigned, offline, unknown, authorizing, declined, reversed, voided, refunds, follow, failedJobs, openCases] = await Promise.all([
    c('kind:sale'),
    c('kind:void'),
    c('signature:unsigned'),
    c('state:offline-accepted'),
    c('state:unknown'),
    c('state:authorizing'),
    c('state:declined'),
    c('state:reversed'),
    c('state:voided'),
    c('kind:refund'),
    c('followUp:open'),
    failedUnresolved(db, 500),
    db.cases.where('state').equals('open').count(),
  ]);
  return {
    all: sales + voids + refunds,
    unsigned,
    'not-printed': new Set(failedJobs.map((j) => j.saleId)).size,
    'offline-pending': offline,
    unknown: unknown + authorizing,
    declined,
    reversed: reversed + voided,
    refunded: refunds,
    'follow-up': follow,
    disputed: openCases,
  };
};
