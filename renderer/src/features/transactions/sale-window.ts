import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { whenIdle } from './schedule';
import { cursorOf, readAfter, readBefore, readFirstPage, watchBetween } from '../../data/sales-keyset';
import type { SaleCursor, SalePlan } from '../../data/sales-keyset';

/**
 * The rows the live list holds: a window of a few keyset pages around what is on screen, never
 * the whole view (the browser caps a scroll area at about 16.7M px; 200k rows × 56 px is close
 * and 1M rows is far past it). Scrolling near an end loads the next page there and drops one
 * at the other end. Each page is a fixed key range (just below the page above it, down to its
 * own last row) watched by its own live query: a new sale or a sale leaving the filter re-reads
 * one page of ~100 rows, not the window.
 */
export interface SaleWindowSnapshot {
  /** The filter and search the rows belong to; rows of the previous one stay until these load. */
  key: string;
  rows: readonly SaleRecord[];
  /**
   * Where `rows[0]` sits counting from an origin that stays put while pages are dropped or
   * added at the ends, so a row keeps its number as the window moves (the list reuses row
   * elements by it).
   */
  first: number;
  /** Nothing newer than the first row (the window starts at the newest sale). */
  atHead: boolean;
  /** Nothing older than the last row. */
  atEnd: boolean;
  loaded: boolean;
  failed: boolean;
}

export interface SaleWindowOptions {
  pageSize: number;
  /** Pages kept at most; one more page is dropped at the far end. */
  maxPages: number;
  /** Load the next page when the screen comes within this many rows of a window end. */
  margin: number;
}

interface Page {
  /** Exclusive upper bound (the row above this page); null: the newest sale. */
  above: SaleCursor | null;
  /** Inclusive lower bound (this page's last row); null: down to the oldest. */
  last: SaleCursor | null;
  rows: SaleRecord[];
  sub: { unsubscribe(): void } | null;
}

const DEFAULTS: SaleWindowOptions = { pageSize: 100, maxPages: 6, margin: 40 };

const EMPTY: SaleWindowSnapshot = { key: '', rows: [], first: 0, atHead: true, atEnd: true, loaded: false, failed: false };

const same = (a: SaleRecord, b: SaleRecord): boolean => a.id === b.id && a.version === b.version && a.updatedAt === b.updatedAt;

/** The new rows, reusing the old objects for rows that did not change (memoised rows skip them). */
const reuse = (before: readonly SaleRecord[], after: SaleRecord[]): SaleRecord[] | null => {
  const old = new Map(before.map((s) => [s.id, s]));
  let changed = before.length !== after.length;
  const rows = after.map((s, i) => {
    const prev = old.get(s.id);
    if (prev && same(prev, s)) {
      if (before[i] !== prev) changed = true;
      return prev;
    }
    changed = true;
    return s;
  });
  return changed ? rows : null;
};

export class SaleWindow {
  private key = '';
  private plan: SalePlan | null = null;
  /** Exclusive upper bound of the first page; null: the window starts at the newest sale. */
  private top: SaleCursor | null = null;
  private pages: Page[] = [];
  private generation = 0;
  private busy = false;
  private failed = false;
  private snapshot: SaleWindowSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  /** The rows last reported on screen. */
  private seen = { first: 0, last: 0 };
  /** See SaleWindowSnapshot.first. */
  private first = 0;
  /** A first page already asked for (see prefetch). */
  private early: { key: string; page: ReturnType<typeof readAfter> } | null = null;

  constructor(
    private readonly db: CountersignDb,
    private readonly options: SaleWindowOptions = DEFAULTS,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SaleWindowSnapshot => this.snapshot;

  /**
   * Starts reading the first page of `plan` before `show` is called, so the read overlaps the
   * first render of the list rather than following it. Only a read: nothing is watched yet.
   */
  prefetch(key: string, plan: SalePlan): void {
    const page = readFirstPage(this.db, plan, this.options.pageSize);
    // A prefetch nobody uses must not report an unhandled rejection; `load` sees the error.
    page.catch(() => undefined);
    this.early = { key, page };
  }

  /** Shows `plan` from its newest row. Showing the same key again while running does nothing. */
  show(key: string, plan: SalePlan): void {
    if (key === this.key && this.plan) return;
    this.stop();
    this.key = key;
    this.plan = plan;
    this.startLoad('down');
  }

  /** Ends every live query; the last rows stay in the snapshot. */
  stop(): void {
    this.generation++;
    for (const page of this.pages) page.sub?.unsubscribe();
    this.pages = [];
    this.plan = null;
    this.top = null;
    this.busy = false;
    this.failed = false;
    this.seen = { first: 0, last: 0 };
    this.first = 0;
  }

  /**
   * The rows on screen (indexes into the snapshot of `key`, overscan included). Loads a page
   * when they come near an end of the window; called after every render of the list.
   */
  onRange(key: string, first: number, last: number): void {
    if (key === this.key) this.seen = { first, last };
    if (key !== this.key || !this.plan || this.busy || this.failed || this.snapshot.key !== key) return;
    const total = this.snapshot.rows.length;
    if (!this.atEnd() && last >= total - this.options.margin) this.startLoad('down');
    else if (this.top !== null && first < this.options.margin) this.startLoad('up');
  }

  private atEnd(): boolean {
    const last = this.pages.at(-1);
    return last !== undefined && last.last === null;
  }

  /** `load` records its own failures in the snapshot; anything it could not catch does the same. */
  private startLoad(dir: 'down' | 'up'): void {
    this.load(dir).catch(() => {
      this.failed = true;
      this.publish();
    });
  }

  private async load(dir: 'down' | 'up'): Promise<void> {
    const plan = this.plan;
    if (!plan || this.busy || (dir === 'down' ? this.atEnd() : this.top === null)) return;
    const generation = this.generation;
    this.busy = true;
    try {
      if (dir === 'down') {
        const above = this.pages.at(-1)?.last ?? this.top;
        const early = this.early;
        this.early = null;
        const useEarly = this.pages.length === 0 && above === null && early?.key === this.key;
        const { rows, next } = await (useEarly && early ? early.page : readAfter(this.db, plan, above, this.options.pageSize));
        if (generation !== this.generation) return;
        this.busy = false;
        this.insert(this.pages.length, [{ above, last: next, rows, sub: null }], 'start');
      } else if (this.top) {
        const before = this.top;
        const { rows, above } = await readBefore(this.db, plan, before, true, this.options.pageSize);
        if (generation !== this.generation) return;
        this.busy = false;
        this.top = above;
        this.first -= rows.length;
        this.insert(0, [{ above, last: before, rows, sub: null }], 'end');
      }
    } catch {
      if (generation !== this.generation) return;
      this.busy = false;
      this.failed = true;
      this.publish();
    }
  }

  /**
   * Adds pages at `at`, drops pages beyond the maximum from one end, shows the rows, then
   * watches the new pages when the page is idle: a live query starts with a read of its own,
   * which must not delay the rows just read nor a frame of a scroll.
   */
  private insert(at: number, pages: Page[], dropFrom: 'start' | 'end'): void {
    this.pages.splice(at, 0, ...pages);
    while (this.pages.length > this.options.maxPages) {
      const dropped = dropFrom === 'start' ? this.pages.shift() : this.pages.pop();
      dropped?.sub?.unsubscribe();
      if (dropFrom === 'start' && dropped) {
        this.top = dropped.last;
        this.first += dropped.rows.length;
      }
    }
    this.publish();
    const generation = this.generation;
    whenIdle(() => {
      for (const page of pages) if (generation === this.generation && this.pages.includes(page) && !page.sub) this.watch(page);
    });
  }

  private watch(page: Page): void {
    const plan = this.plan;
    if (!plan) return;
    const generation = this.generation;
    page.sub = watchBetween(
      this.db,
      plan,
      page.above,
      page.last,
      (rows) => {
        if (generation !== this.generation || !this.pages.includes(page)) return;
        const next = reuse(page.rows, rows);
        if (!next) return;
        page.rows = next;
        if (!this.split(page)) this.publish();
      },
      () => {
        if (generation !== this.generation) return;
        this.failed = true;
        this.publish();
      },
    );
  }

  /** A page that grew past two pages (sales keep arriving at the top) becomes pages again. */
  private split(page: Page): boolean {
    const size = this.options.pageSize;
    if (page.rows.length <= 2 * size) return false;
    const parts: Page[] = [];
    for (let i = 0; i < page.rows.length; i += size) {
      const rows = page.rows.slice(i, i + size);
      const end = i + size >= page.rows.length;
      const lastRow = rows.at(-1);
      parts.push({ above: parts.at(-1)?.last ?? page.above, last: end || !lastRow ? page.last : cursorOf(lastRow), rows, sub: null });
    }
    const at = this.pages.indexOf(page);
    page.sub?.unsubscribe();
    this.pages.splice(at, 1);
    // Drop pages away from what is on screen.
    const middle = this.snapshot.rows.length / 2;
    this.insert(at, parts, this.seen.first > middle ? 'start' : 'end');
    return true;
  }

  private publish(): void {
    if (this.pages.length === 0 && !this.failed) return;
    this.snapshot = { key: this.key, rows: this.pages.flatMap((p) => p.rows), first: this.first, atHead: this.top === null, atEnd: this.atEnd(), loaded: true, failed: this.failed };
    for (const listener of this.listeners) listener();
  }
}
