import Dexie from 'dexie';
import type { CountersignDb } from './db';
import { readCounters } from './counters-repo';
import type { SaleKind, SaleRecord, SaleState, SignatureState } from './records';

/**
 * Keyset paging for the live list (a virtual list over 200k+ rows): newest first, each page
 * read from an index range that starts just below the previous page's last row, so a page
 * costs the same on row 10 and row 1,000,000. Counts come from the running counters kept by
 * sales-repo in the same transaction as each write; nothing here counts or scans the table.
 */
export type SaleIndexFilter =
  | { by: 'all' }
  | { by: 'state'; states: readonly SaleState[] }
  | { by: 'signature'; signatureState: SignatureState }
  | { by: 'followUp'; followUp: SaleRecord['followUp'] }
  | { by: 'kind'; kind: SaleKind };

/** The live list's derived views as index filters (ARCHITECTURE: indexed queries, not flags). */
export const LIVE_FILTERS = {
  all: { by: 'all' },
  unsigned: { by: 'signature', signatureState: 'unsigned' },
  'offline-pending': { by: 'state', states: ['offline-accepted'] },
  /** No answer yet: a crash mid-authorization leaves `authorizing` behind, which is unknown too. */
  unknown: { by: 'state', states: ['unknown', 'authorizing'] },
  declined: { by: 'state', states: ['declined'] },
  'follow-up': { by: 'followUp', followUp: 'open' },
  refunds: { by: 'kind', kind: 'refund' },
} as const satisfies Record<string, SaleIndexFilter>;

/** The last row of a page; ties on createdAt are broken by id (both descending). */
export interface SaleCursor {
  createdAt: number;
  id: string;
}

export interface SalePage {
  rows: SaleRecord[];
  /** Pass as `after` for the next page; null when this page is the last. */
  next: SaleCursor | null;
}

const MAX_PAGE = 500;

const newerFirst = (a: SaleRecord, b: SaleRecord): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Strictly after the cursor in (createdAt desc, id desc) order. */
const isAfter = (s: SaleRecord, c: SaleCursor): boolean => s.createdAt < c.createdAt || (s.createdAt === c.createdAt && s.id < c.id);

/**
 * One index range, newest first. IndexedDB orders equal index keys by primary key, so the
 * reversed range runs (createdAt desc, id desc); only rows sharing the cursor's millisecond
 * are skipped by the filter.
 */
const range = (db: CountersignDb, index: string, key: string, after: SaleCursor | null, limit: number): Promise<SaleRecord[]> => {
  const top = after ? after.createdAt : Dexie.maxKey;
  const collection =
    index === 'createdAt'
      ? after
        ? db.sales.where('createdAt').belowOrEqual(after.createdAt)
        : db.sales.orderBy('createdAt')
      : db.sales.where(index).between([key, Dexie.minKey], [key, top], true, true);
  return collection
    .reverse()
    .filter((s) => !after || isAfter(s, after))
    .limit(limit)
    .toArray();
};

const ranges = (filter: SaleIndexFilter): Array<[index: string, key: string]> => {
  switch (filter.by) {
    case 'all':
      return [['createdAt', '']];
    case 'state':
      return filter.states.map((state) => ['[state+createdAt]', state]);
    case 'signature':
      return [['[signatureState+createdAt]', filter.signatureState]];
    case 'followUp':
      return [['[followUp+createdAt]', filter.followUp]];
    case 'kind':
      return [['[kind+createdAt]', filter.kind]];
  }
};

/**
 * A page of sales matching `filter`, newest first. With several ranges (several states) each
 * is read up to the limit and merged, which stays a bounded read per page.
 */
export const pageSales = async (db: CountersignDb, filter: SaleIndexFilter, options: { after?: SaleCursor | null; limit: number }): Promise<SalePage> => {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(options.limit)));
  const after = options.after ?? null;
  // One extra row tells whether another page exists without a second query.
  const parts = await Promise.all(ranges(filter).map(([index, key]) => range(db, index, key, after, limit + 1)));
  const merged = parts.length === 1 ? (parts[0] ?? []) : parts.flat().sort(newerFirst);
  const rows = merged.slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: merged.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
};

const counterKeys = (filter: SaleIndexFilter): string[] => {
  switch (filter.by) {
    case 'all':
      return ['kind:sale', 'kind:refund', 'kind:void'];
    case 'state':
      return filter.states.map((s) => `state:${s}`);
    case 'signature':
      return [`signature:${filter.signatureState}`];
    case 'followUp':
      return [`followUp:${filter.followUp}`];
    case 'kind':
      return [`kind:${filter.kind}`];
  }
};

/** How many sales match `filter`, from the running counters (a few key reads). */
export const countSales = async (db: CountersignDb, filter: SaleIndexFilter): Promise<number> =>
  Object.values(await readCounters(db, counterKeys(filter))).reduce((a, b) => a + b, 0);
