import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/domain/ids';
import { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { saleRecord } from '../../data/sale-fixture';
import { planFor } from '../../data/sales-query';
import { SaleWindow } from './sale-window';

const fresh = () => new CountersignDb(`t-${uuidv7()}`);

const row = (n: number, patch: Partial<SaleRecord> = {}): SaleRecord => {
  // Pairs of sales share a millisecond, as a burst does.
  const createdAt = 1_000 + Math.floor(n / 2);
  return saleRecord({
    id: `${String(createdAt).padStart(14, '0')}-${String(n).padStart(4, '0')}`,
    createdAt,
    updatedAt: createdAt,
    amountFen: 100 + n,
    signatureState: n % 3 === 0 ? 'unsigned' : 'signed',
    last4: '1234',
    ...patch,
  });
};

const newestFirst = (rows: SaleRecord[]): string[] => [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);

const until = async (what: string, ok: () => boolean): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const setup = async (n = 40) => {
  const db = fresh();
  const rows = Array.from({ length: n }, (_, i) => row(i));
  await db.sales.bulkAdd(rows);
  const view = new SaleWindow(db, { pageSize: 5, maxPages: 3, margin: 2 });
  const ids = () => view.getSnapshot().rows.map((r) => r.id);
  return { db, rows, view, ids };
};

/** Scrolls to the end of the window `times` times, waiting for each page. */
const scrollDown = async (view: SaleWindow, key: string, times: number) => {
  for (let i = 0; i < times; i++) {
    const before = view.getSnapshot().rows;
    view.onRange(key, Math.max(0, before.length - 3), before.length - 1);
    await until('a page below', () => view.getSnapshot().rows !== before);
  }
};

describe('the live list window', () => {
  it('shows the newest page, then pages down keeping at most three pages, then back up', async () => {
    const { rows, view, ids } = await setup();
    const all = newestFirst(rows);
    view.show('all', planFor('all', {}));
    await until('first page', () => view.getSnapshot().loaded);
    expect(ids()).toEqual(all.slice(0, 5));
    expect(view.getSnapshot()).toMatchObject({ key: 'all', atHead: true, atEnd: false });

    await scrollDown(view, 'all', 4);
    // Five pages read, the first two dropped: a contiguous slice, never the whole list.
    expect(ids()).toEqual(all.slice(10, 25));
    expect(view.getSnapshot().atHead).toBe(false);

    const before = view.getSnapshot().rows;
    view.onRange('all', 0, 2);
    await until('a page above', () => view.getSnapshot().rows !== before);
    expect(ids()).toEqual(all.slice(5, 20));
    const again = view.getSnapshot().rows;
    view.onRange('all', 0, 2);
    await until('the newest page', () => view.getSnapshot().rows !== again);
    expect(ids()).toEqual(all.slice(0, 15));
    expect(view.getSnapshot().atHead).toBe(true);
    view.stop();
  });

  it('reaches the end of a filter and says so', async () => {
    const { rows, view, ids } = await setup(20);
    view.show('unsigned', planFor('unsigned', {}));
    await until('first page', () => view.getSnapshot().loaded);
    await scrollDown(view, 'unsigned', 1);
    expect(ids()).toEqual(newestFirst(rows.filter((r) => r.signatureState === 'unsigned')));
    expect(view.getSnapshot().atEnd).toBe(true);
    view.stop();
  });

  it('shows new sales at the top and sales leaving the filter go, page by page', async () => {
    const { db, rows, view, ids } = await setup(30);
    view.show('unsigned', planFor('unsigned', {}));
    await until('first page', () => view.getSnapshot().loaded);
    await scrollDown(view, 'unsigned', 1);
    const unsigned = newestFirst(rows.filter((r) => r.signatureState === 'unsigned'));
    expect(ids()).toEqual(unsigned);

    const fresh = row(100, { signatureState: 'unsigned' });
    await db.sales.add(fresh);
    await until('the new sale', () => ids()[0] === fresh.id);
    const leaving = unsigned[7]!;
    await db.sales.update(leaving, { signatureState: 'signed', version: 2 });
    await until('the signed sale to leave', () => !ids().includes(leaving));
    const changed = unsigned[2]!;
    await db.sales.update(changed, { note: 'x', version: 2 });
    await until('the changed sale', () => view.getSnapshot().rows.find((r) => r.id === changed)?.note === 'x');
    expect(ids()).toEqual([fresh.id, ...unsigned.filter((id) => id !== leaving)]);
    view.stop();
  });

  it('keeps the objects of unchanged sales, so their rows do not render again', async () => {
    const { db, view } = await setup(10);
    view.show('all', planFor('all', {}));
    await until('first page', () => view.getSnapshot().loaded);
    const [a, b] = view.getSnapshot().rows;
    await db.sales.update(b!.id, { note: 'y', version: 2 });
    await until('the update', () => view.getSnapshot().rows[1] !== b);
    expect(view.getSnapshot().rows[0]).toBe(a);
    view.stop();
  });

  it('splits a page that grew past two pages, and keeps every row', async () => {
    const { db, rows, view, ids } = await setup(10);
    view.show('all', planFor('all', {}));
    await until('first page', () => view.getSnapshot().loaded);
    const arriving = Array.from({ length: 12 }, (_, i) => row(200 + i));
    await db.sales.bulkAdd(arriving);
    const all = newestFirst([...rows, ...arriving]);
    // 17 rows in one page become pages of 5, 5, 5 and 2; the window keeps three of them.
    await until('the new sales', () => ids()[0] === all[0]);
    expect(ids()).toEqual(all.slice(0, 15));
    await scrollDown(view, 'all', 2);
    expect(ids()).toEqual(all.slice(10, 22));
    expect(view.getSnapshot().atEnd).toBe(true);
    view.stop();
  });

  it('keeps the rows of the last filter until the next one has its first page', async () => {
    const { view } = await setup(10);
    const first = view.getSnapshot();
    view.prefetch('all', planFor('all', {}));
    view.show('all', planFor('all', {}));
    await until('first page', () => view.getSnapshot().loaded);
    expect(view.getSnapshot()).not.toBe(first);
    const all = view.getSnapshot();
    view.show('declined', planFor('declined', {}));
    expect(view.getSnapshot()).toBe(all);
    await until('the declined page', () => view.getSnapshot().key === 'declined');
    expect(view.getSnapshot().rows).toEqual([]);
    expect(view.getSnapshot().loaded).toBe(true);
    view.stop();
  });
});
