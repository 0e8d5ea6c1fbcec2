import type { CountersignDb } from './db';
import { failedUnresolved } from './print-jobs-repo';
import type { SaleRecord } from './records';
import { LIVE_FILTERS, readAfter, sourcesOf } from './sales-pages';
import type { SalePlan, SaleSource } from './sales-pages';
import { readCounters } from './counters-repo';

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
  (q.amountFen == null || s.amountFen === q.amountFen) &&
  (!q.last4 || s.last4 === q.last4) &&
  (!q.authCode || s.authCode === q.authCode) &&
  (!q.reference || s.reference === q.reference || s.rrn === q.reference);

/** Failed print jobs nobody dealt with, and open dispute cases: both small, read whole. */
const SMALL_SET = 500;

const notPrintedIds = async (db: CountersignDb): Promise<string[]> => [
  ...new Set((await failedUnresolved(db, SMALL_SET)).map((j) => j.saleId).filter((id): id is string => id !== null)),
];

const disputedIds = async (db: CountersignDb): Promise<string[]> => [...new Set((await db.cases.where('state').equals('open').limit(SMALL_SET).toArray()).map((c) => c.saleId))];

const salesOf = (ids: (db: CountersignDb) => Promise<string[]>) => async (db: CountersignDb) =>
  (await db.sales.bulkGet(await ids(db))).filter((s): s is SaleRecord => s !== undefined);

const FILTER_SOURCES: Record<SaleFilter, SaleSource[]> = {
  all: sourcesOf(LIVE_FILTERS.all),
  unsigned: sourcesOf(LIVE_FILTERS.unsigned),
  'not-printed': [{ index: 'set', read: salesOf(notPrintedIds) }],
  'offline-pending': sourcesOf(LIVE_FILTERS['offline-pending']),
  unknown: sourcesOf(LIVE_FILTERS.unknown),
  declined: sourcesOf(LIVE_FILTERS.declined),
  reversed: sourcesOf({ by: 'state', states: ['reversed', 'voided'] }),
  refunded: sourcesOf(LIVE_FILTERS.refunds),
  'follow-up': sourcesOf(LIVE_FILTERS['follow-up']),
  disputed: [{ index: 'set', read: salesOf(disputedIds) }],
};

/**
 * The rows of a filter and search as index reads: the most selective search index when there
 * is one (a card's last 4, an amount, an auth code, a reference), else the filter's own index,
 * each already in time order; whatever the index does not answer is checked row by row.
 */
export const planFor = (filter: SaleFilter, q: SaleSearch): SalePlan => {
  const own = FILTER_SOURCES[filter];
  const bySet = own.some((s) => s.index === 'set');
  let sources: SaleSource[];
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
  const keep = narrowed || searched ? (s: SaleRecord) => matchesFilter(s, filter) && matchesSearch(s, q) : undefined;
  return { sources, from: q.from ?? null, to: q.to ?? null, keep };
};

/** The newest `limit` sales of a filter and search (one keyset page). */
export const querySales = async (db: CountersignDb, filter: SaleFilter, q: SaleSearch, limit: number): Promise<SaleRecord[]> =>
  (await readAfter(db, planFor(filter, q), null, Math.max(1, Math.floor(limit)))).rows;

/** Count per filter, from the running counters and the two small sets. */
export const filterCounts = async (db: CountersignDb): Promise<Record<SaleFilter, number>> => {
  const [c, notPrinted, disputed] = await Promise.all([
    readCounters(db, [
      'kind:sale',
      'kind:void',
      'kind:refund',
      'signature:unsigned',
      'state:offline-accepted',
      'state:unknown',
      'state:authorizing',
      'state:declined',
      'state:reversed',
      'state:voided',
      'followUp:open',
    ]),
    notPrintedIds(db),
    disputedIds(db),
  ]);
  return {
    all: c['kind:sale'] + c['kind:void'] + c['kind:refund'],
    unsigned: c['signature:unsigned'],
    'not-printed': notPrinted.length,
    'offline-pending': c['state:offline-accepted'],
    unknown: c['state:unknown'] + c['state:authorizing'],
    declined: c['state:declined'],
    reversed: c['state:reversed'] + c['state:voided'],
    refunded: c['kind:refund'],
    'follow-up': c['followUp:open'],
    disputed: disputed.length,
  };
};
