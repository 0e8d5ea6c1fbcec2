import Dexie from 'dexie';
import { CHARGED, QUEUED } from '../../../shared/domain/sale/sale-state';
import type { SaleState } from '../../../shared/domain/sale/sale-state';
import { readCounters } from './counters-repo';
import type { CountersignDb } from './db';
import { notPrintedJobs } from './print-jobs-repo';
import type { SaleRecord } from './records';
import type { SaleSource } from './sales-keyset';

/**
 * The live list's views, in one table (ARCHITECTURE: derived views are indexed queries, never
 * flags kept by hand): for each, where its rows come from (index sources, in time order), which
 * running counters count it (kept by sales-repo in the same transaction as each write), and the
 * row predicate that says whether a sale belongs to it (checked on rows read from another index,
 * e.g. a search by last 4). The list, its counts and the app bar's badges all read this table.
 */
export const SALE_FILTERS = ['all', 'unsigned', 'not-printed', 'offline-pending', 'unknown', 'declined', 'reversed', 'refunded', 'follow-up', 'disputed'] as const;
export type SaleFilter = (typeof SALE_FILTERS)[number];

export interface SaleView {
  sources: readonly SaleSource[];
  /** Counters whose sum is the view's size; null for a set view (its size is the set's). */
  counterKeys: readonly string[] | null;
  belongs: (s: SaleRecord) => boolean;
}

/** Small sets read whole (failed or unprinted copies nobody dealt with, open cases). */
const SMALL_SET = 500;

const byStates = (states: readonly SaleState[]): SaleView => ({
  sources: states.map((state) => ({ index: '[state+createdAt]', key: state })),
  counterKeys: states.map((state) => `state:${state}`),
  belongs: (s) => states.includes(s.state),
});

const salesOf = (ids: (db: CountersignDb) => Promise<string[]>, belongs: (s: SaleRecord) => boolean = () => true) => async (db: CountersignDb) =>
  (await db.sales.bulkGet(await ids(db))).filter((s): s is SaleRecord => s !== undefined && belongs(s));

/** The customer still owes the shop a slip only for money that stands. */
const charged = (s: SaleRecord): boolean => CHARGED.includes(s.state);

/** Charged sales with a copy not on paper yet (queued with the approval, being sent, or failed), nobody having dealt with it. */
export const notPrintedIds = async (db: CountersignDb): Promise<string[]> => [
  ...new Set((await notPrintedJobs(db, SMALL_SET)).map((j) => j.saleId).filter((id): id is string => id !== null)),
];

const disputedIds = async (db: CountersignDb): Promise<string[]> => [...new Set((await db.cases.where('state').equals('open').limit(SMALL_SET).toArray()).flatMap((c) => c.saleIds))];

export const SALE_VIEWS: Readonly<Record<SaleFilter, SaleView>> = {
  all: { sources: [{ index: 'createdAt' }], counterKeys: ['kind:sale', 'kind:void', 'kind:refund'], belongs: () => true },
  unsigned: { sources: [{ index: '[signatureState+createdAt]', key: 'unsigned' }], counterKeys: ['signature:unsigned'], belongs: (s) => s.signatureState === 'unsigned' },
  'not-printed': { sources: [{ index: 'set', read: salesOf(notPrintedIds, charged) }], counterKeys: null, belongs: charged },
  'offline-pending': byStates(QUEUED),
  /** No answer yet: a crash mid-authorization leaves `authorizing` behind, which is unknown too. */
  unknown: byStates(['unknown', 'authorizing']),
  declined: byStates(['declined']),
  reversed: byStates(['reversed', 'voided']),
  refunded: { sources: [{ index: '[kind+createdAt]', key: 'refund' }], counterKeys: ['kind:refund'], belongs: (s) => s.kind === 'refund' },
  'follow-up': { sources: [{ index: '[followUp+createdAt]', key: 'open' }], counterKeys: ['followUp:open'], belongs: (s) => s.followUp === 'open' },
  disputed: { sources: [{ index: 'set', read: salesOf(disputedIds) }], counterKeys: null, belongs: () => true },
};

/** Charged sales with a copy not on paper yet (the app bar's badge and the view). */
export const notPrintedSales = salesOf(notPrintedIds, charged);

/** The size of every view: the running counters, and the two small sets read whole. */
export const viewCounts = async (db: CountersignDb): Promise<Record<SaleFilter, number>> => {
  const keys = [...new Set(SALE_FILTERS.flatMap((f) => SALE_VIEWS[f].counterKeys ?? []))];
  const [c, notPrinted, disputed] = await Promise.all([readCounters(db, keys), notPrintedSales(db), disputedIds(db)]);
  const sized = (f: SaleFilter): number => (SALE_VIEWS[f].counterKeys ?? []).reduce((t, k) => t + (c[k] ?? 0), 0);
  return Object.fromEntries(SALE_FILTERS.map((f) => [f, f === 'not-printed' ? notPrinted.length : f === 'disputed' ? disputed.length : sized(f)])) as Record<SaleFilter, number>;
};

/** How many sales are in one counted view (a few key reads). */
export const viewCount = async (db: CountersignDb, filter: Exclude<SaleFilter, 'not-printed' | 'disputed'>): Promise<number> =>
  Object.values(await readCounters(db, SALE_VIEWS[filter].counterKeys ?? [])).reduce((a, b) => a + b, 0);

export interface UnsignedSummary {
  count: number;
  oldestAt: number | null;
}

/** Unsigned sales: the view's running count and the oldest one's time (the first row of its index). */
export const unsignedSummary = async (db: CountersignDb): Promise<UnsignedSummary> => {
  const count = await viewCount(db, 'unsigned');
  const oldest = count > 0 ? await db.sales.where('[signatureState+createdAt]').between(['unsigned', Dexie.minKey], ['unsigned', Dexie.maxKey]).first() : undefined;
  return { count, oldestAt: oldest?.createdAt ?? null };
};
