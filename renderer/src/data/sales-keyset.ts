import { liveQuery } from 'dexie';
import type { Collection, IndexableType, InsertType } from 'dexie';
import type { CountersignDb } from './db';
import type { SaleRecord } from './records';

/**
 * Keyset paging for the live list (a virtual list over 200k+ rows): newest first, each page
 * read from an index range that starts just below the previous page's last row, so a page
 * costs the same on row 10 and row 1,000,000. Reads are plain key ranges (one getAll each, no
 * cursor walked row by row in JavaScript). Which rows a view holds is sales-views.ts; counts come
 * from the running counters kept by sales-repo in the same transaction as each write; nothing here
 * counts or scans the table.
 */

/** A position in the list: (createdAt, id), both descending. */
export interface SaleCursor {
  createdAt: number;
  id: string;
}

export type RangeIndex = '[state+createdAt]' | '[signatureState+createdAt]' | '[followUp+createdAt]' | '[kind+createdAt]' | '[last4+createdAt]' | '[amountFen+createdAt]';

/** Where a view's rows come from. */
export type SaleSource =
  /** Every sale, by the createdAt index. */
  | { index: 'createdAt' }
  /** One key of a compound [x+createdAt] index: already in time order. */
  | { index: RangeIndex; key: string | number }
  /** A small set (a handful of rows: an auth code, open cases), read whole and ordered here. */
  | { index: 'set'; read: (db: CountersignDb) => Promise<SaleRecord[]> };

export interface SalePlan {
  sources: readonly SaleSource[];
  /** Time bounds (inclusive, ms); on an index they bound the key range. */
  from?: number | null;
  to?: number | null;
  /** What the index does not answer, checked on each row read. */
  keep?: (s: SaleRecord) => boolean;
}

export interface SalePage {
  rows: SaleRecord[];
  /** Pass as `after` for the next page; null when this page is the last. */
  next: SaleCursor | null;
}

/** The list's order: newest first, ties on createdAt broken by id (descending). */
export const newerFirst = (a: SaleCursor, b: SaleCursor): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Strictly below `c` in the list (older). */
export const isAfter = (s: SaleCursor, c: SaleCursor): boolean => s.createdAt < c.createdAt || (s.createdAt === c.createdAt && s.id < c.id);

export const cursorOf = (s: SaleCursor): SaleCursor => ({ createdAt: s.createdAt, id: s.id });

type SaleCollection = Collection<SaleRecord, string, InsertType<SaleRecord, 'id'>>;
type Ranged = Exclude<SaleSource, { index: 'set' }>;

const keyAt = (src: Ranged, t: number): IndexableType => (src.index === 'createdAt' ? t : [src.key, t]);

/** Rows of one source with lo ≤ createdAt ≤ hi (each end open or closed), in index order. */
const span = (db: CountersignDb, src: Ranged, lo: number, hi: number, loOpen = false, hiOpen = false): SaleCollection | null =>
  lo > hi || (lo === hi && (loOpen || hiOpen)) ? null : db.sales.where(src.index).between(keyAt(src, lo), keyAt(src, hi), !loOpen, !hiOpen);

const bounds = (plan: SalePlan): [number, number] => [plan.from ?? -Infinity, plan.to ?? Infinity];
const keepAll = (): boolean => true;

/** A position to read from; `inclusive` makes the row at `at` itself the first one read. */
interface From {
  at: SaleCursor;
  inclusive: boolean;
}

/** Whether `s` lies beyond `from` going `dir` ('down': older, 'up': newer). */
const beyond = (s: SaleCursor, from: From, dir: 'down' | 'up'): boolean => {
  const past = dir === 'down' ? isAfter(s, from.at) : isAfter(from.at, s);
  return past || (from.inclusive && s.createdAt === from.at.createdAt && s.id === from.at.id);
};

/**
 * Up to `n` rows of one source beyond `from` (older going 'down', newer going 'up'), nearest
 * first. Rows sharing the cursor's millisecond are read by themselves (a one-key range); the
 * rest as one range with a limit (one getAll). When `keep` drops rows, the next chunk starts
 * past the last row read, so a chunk never re-reads rows.
 */
const scan = async (db: CountersignDb, src: Ranged, plan: SalePlan, start: From | null, dir: 'down' | 'up', n: number): Promise<SaleRecord[]> => {
  const [lo, hi] = bounds(plan);
  const keep = plan.keep ?? keepAll;
  const out: SaleRecord[] = [];
  let from = start;
  for (let chunk = n; out.length < n; chunk = Math.max(200, n - out.length)) {
    const raw: SaleRecord[] = [];
    if (from) {
      const f = from;
      const same = f.at.createdAt >= lo && f.at.createdAt <= hi ? span(db, src, f.at.createdAt, f.at.createdAt) : null;
      const tied = same ? (await same.toArray()).filter((s) => beyond(s, f, dir)) : [];
      raw.push(...tied.sort((a, b) => (dir === 'down' ? newerFirst(a, b) : newerFirst(b, a))));
    }
    const t = from?.at.createdAt;
    const range = dir === 'down' ? span(db, src, lo, t ?? hi, false, t !== undefined) : span(db, src, t ?? lo, hi, t !== undefined, false);
    const rest = range ? await (dir === 'down' ? range.reverse() : range).limit(chunk).toArray() : [];
    raw.push(...rest);
    for (const s of raw) if (keep(s)) out.push(s);
    const last = raw.at(-1);
    if (rest.length < chunk || !last) break;
    from = { at: cursorOf(last), inclusive: false };
  }
  return out.slice(0, n);
};

/** A set source, within the plan's time bounds and `keep`, newest first. */
const readSet = async (db: CountersignDb, src: Extract<SaleSource, { index: 'set' }>, plan: SalePlan): Promise<SaleRecord[]> => {
  const [lo, hi] = bounds(plan);
  const keep = plan.keep ?? keepAll;
  return (await src.read(db)).filter((s) => s.createdAt >= lo && s.createdAt <= hi && keep(s)).sort(newerFirst);
};

const merge = (parts: SaleRecord[][], order: (a: SaleRecord, b: SaleRecord) => number): SaleRecord[] => {
  if (parts.length === 1) return parts[0] ?? [];
  const seen = new Set<string>();
  return parts
    .flat()
    .sort(order)
    .filter((s) => !seen.has(s.id) && seen.add(s.id));
};

const tables = (db: CountersignDb) => [db.sales, db.printJobs, db.cases];

/** A page of the plan's rows strictly after `after` (null: from the newest), newest first. */
export const readAfter = (db: CountersignDb, plan: SalePlan, after: SaleCursor | null, limit: number): Promise<SalePage> =>
  db.transaction('r', tables(db), async () => {
    // One extra row tells whether another page exists without a second query.
    const parts = await Promise.all(
      plan.sources.map(async (src) => (src.index === 'set' ? (await readSet(db, src, plan)).filter((s) => !after || isAfter(s, after)).slice(0, limit + 1) : scan(db, src, plan, after && { at: after, inclusive: false }, 'down', limit + 1))),
    );
    const merged = merge(parts, newerFirst);
    const rows = merged.slice(0, limit);
    const last = rows.at(-1);
    return { rows, next: merged.length > limit && last ? cursorOf(last) : null };
  });

interface GetAllOptions {
  query: IDBKeyRange | null;
  count?: number;
  direction?: IDBCursorDirection;
}
type Idb3Index = IDBIndex & { getAll(options: GetAllOptions): IDBRequest<SaleRecord[]> };

/** getAll with a direction (IndexedDB 3), as Dexie detects it. */
const hasIdb3 = (): boolean => typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype;

/**
 * The first page when it is one plain index read, asked of IndexedDB at once. Dexie begins a
 * transaction only after the running task, so a read started while the list renders would wait
 * for the whole render; this one is read by the browser meanwhile. Else `readAfter`.
 */
export const readFirstPage = (db: CountersignDb, plan: SalePlan, limit: number): Promise<SalePage> => {
  const src = plan.sources.length === 1 ? plan.sources[0] : undefined;
  if (!src || src.index === 'set' || plan.keep || !db.isOpen() || !hasIdb3()) return readAfter(db, plan, null, limit);
  const [lo, hi] = bounds(plan);
  if (lo > hi) return readAfter(db, plan, null, limit);
  return new Promise((resolve, reject) => {
    try {
      const index = db.backendDB().transaction('sales', 'readonly').objectStore('sales').index(src.index) as Idb3Index;
      const request = index.getAll({ query: IDBKeyRange.bound(keyAt(src, lo), keyAt(src, hi)), count: limit + 1, direction: 'prev' });
      request.onsuccess = () => {
        const rows = request.result.slice(0, limit);
        const last = rows.at(-1);
        resolve({ rows, next: request.result.length > limit && last ? cursorOf(last) : null });
      };
      request.onerror = () => reject(request.error ?? new Error('first page read failed'));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
};

/**
 * The `limit` rows just above `before` (newer), newest first, and the row just above those
 * (null when they reach the newest): an exclusive bound for the page they make. With
 * `inclusive`, the row at `before` itself counts as above.
 */
export const readBefore = (db: CountersignDb, plan: SalePlan, before: SaleCursor, inclusive: boolean, limit: number): Promise<{ rows: SaleRecord[]; above: SaleCursor | null }> =>
  db.transaction('r', tables(db), async () => {
    const from: From = { at: before, inclusive };
    const parts = await Promise.all(
      plan.sources.map(async (src) =>
        src.index === 'set'
          ? (await readSet(db, src, plan))
              .filter((s) => beyond(s, from, 'up'))
              .reverse()
              .slice(0, limit + 1)
          : scan(db, src, plan, from, 'up', limit + 1),
      ),
    );
    const nearestFirst = merge(parts, (a, b) => newerFirst(b, a));
    const next = nearestFirst[limit];
    return { rows: nearestFirst.slice(0, limit).reverse(), above: next ? cursorOf(next) : null };
  });

/**
 * Every row of the plan in (`above`, `last`]: below `above` (exclusive; null: from the newest)
 * down to and including `last` (null: to the oldest). A live page of the list is one such
 * range, so rows moving in or out of it (a new sale, a sale leaving a filter) show up there.
 */
export const readBetween = (db: CountersignDb, plan: SalePlan, above: SaleCursor | null, last: SaleCursor | null): Promise<SaleRecord[]> =>
  db.transaction('r', tables(db), async () => {
    const [lo, hi] = bounds(plan);
    const keep = plan.keep ?? keepAll;
    const within = (s: SaleRecord): boolean => (!above || isAfter(s, above)) && (!last || !isAfter(s, last));
    const parts = await Promise.all(
      plan.sources.map(async (src) => {
        if (src.index === 'set') return (await readSet(db, src, plan)).filter(within);
        const range = span(db, src, Math.max(lo, last?.createdAt ?? lo), Math.min(hi, above?.createdAt ?? hi));
        return range ? (await range.reverse().toArray()).filter((s) => within(s) && keep(s)) : [];
      }),
    );
    // Equal index keys come back by primary key; the list breaks ties by id as well.
    return merge(parts, newerFirst).sort(newerFirst);
  });

/**
 * Watches the rows of `plan` in (`above`, `last`] (see `readBetween`): `next` gets them now and
 * again after every write that touches them. The live list's pages each watch their own range.
 */
export const watchBetween = (db: CountersignDb, plan: SalePlan, above: SaleCursor | null, last: SaleCursor | null, next: (rows: SaleRecord[]) => void, error: (e: unknown) => void): { unsubscribe(): void } =>
  liveQuery(() => readBetween(db, plan, above, last)).subscribe({ next, error });
