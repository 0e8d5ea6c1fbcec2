import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { verifyChain } from './audit-repo';
import { CountersignDb } from './db';
import type { SaleRecord, SaleState } from './records';
import { saleRecord } from './sale-fixture';
import { readAfter } from './sales-keyset';
import type { SaleCursor } from './sales-keyset';
import { StaleSale, createSale, updateSale } from './sales-repo';
import { SALE_VIEWS, viewCount } from './sales-views';
import type { SaleFilter } from './sales-views';

const fresh = () => new CountersignDb(`t-${uuidv7()}`);
const newSale = { kind: 'sale' as const, amountFen: 12_345, operatorId: 'op-1', reference: '', note: '', originalSaleId: null };

/** A stored sale as the list sees it; ids sort like the real UUIDv7s (time first). */
const row = (createdAt: number, n: number, patch: Partial<SaleRecord> = {}): SaleRecord =>
  saleRecord({ id: `${String(createdAt).padStart(14, '0')}-${String(n).padStart(4, '0')}`, createdAt, updatedAt: createdAt, amountFen: 100 + n, last4: '1232', ...patch });

/** Sales in one state, counted by its running counter (the views count states in groups). */
const inState = async (db: CountersignDb, state: SaleState): Promise<number> => (await db.counters.get(`state:${state}`))?.value ?? 0;

const allPages = async (db: CountersignDb, filter: SaleFilter, limit: number): Promise<string[]> => {
  const ids: string[] = [];
  let after: SaleCursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await readAfter(db, { sources: SALE_VIEWS[filter].sources }, after, limit);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('paging did not end');
};

describe('sales repository', () => {
  it('creates a sale at version 1 with its counters and audit entry', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    expect(sale).toMatchObject({ version: 1, state: 'created', signatureState: 'pending' });
    expect(await inState(db, 'created')).toBe(1);
    expect(await viewCount(db, 'all')).toBe(1);
    expect((await db.audit.toArray()).map((e) => [e.action, e.objectId])).toEqual([['sale.create', sale.id]]);
  });

  it('increments the version on each change and moves the counters with the state', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    const read = await updateSale(db, sale.id, { state: 'card-read', last4: '1232' }, { actor: 'op-1', action: 'sale.card-read' }, 1);
    const sent = await updateSale(db, sale.id, { state: 'authorizing' }, { actor: 'op-1', action: 'sale.sent' }, 2);
    expect([read.version, sent.version]).toEqual([2, 3]);
    expect(await inState(db, 'created')).toBe(0);
    expect(await viewCount(db, 'unknown')).toBe(1);
    expect(await verifyChain(db)).toMatchObject({ ok: true, count: 3 });
  });

  it('changes nothing when the version is stale or the transition is illegal', async () => {
    const db = fresh();
    const sale = await createSale(db, newSale);
    await expect(updateSale(db, sale.id, { state: 'card-read' }, { actor: 'op-1', action: 'x' }, 7)).rejects.toBeInstanceOf(StaleSale);
    await expect(updateSale(db, sale.id, { state: 'approved' }, { actor: 'op-1', action: 'x' })).rejects.toThrow(/cannot go from created to approved/);
    expect(await db.sales.get(sale.id)).toEqual(sale);
    expect(await inState(db, 'created')).toBe(1);
    expect(await db.audit.count()).toBe(1);
  });

  it('keeps every counter equal to the real count through a run of transitions', async () => {
    const db = fresh();
    const paths: SaleState[][] = [['card-read', 'authorizing', 'approved'], ['card-read', 'authorizing', 'unknown', 'declined'], ['cancelled'], ['card-read', 'offline-accepted', 'forwarding'], []];
    for (const path of paths) {
      const sale = await createSale(db, newSale);
      for (const state of path) await updateSale(db, sale.id, { state }, { actor: 'op-1', action: `sale.${state}` });
    }
    const unsigned = await createSale(db, newSale);
    await updateSale(db, unsigned.id, { signatureState: 'unsigned', followUp: 'open' }, { actor: 'op-1', action: 'sale.unsigned' });
    for (const state of ['created', 'approved', 'declined', 'cancelled', 'forwarding'] as const) {
      expect(await inState(db, state)).toBe(await db.sales.where('state').equals(state).count());
    }
    expect(await viewCount(db, 'unsigned')).toBe(1);
    expect(await viewCount(db, 'follow-up')).toBe(1);
    expect(await viewCount(db, 'all')).toBe(6);
  });
});

describe('keyset paging', () => {
  const seed = async () => {
    const db = fresh();
    const rows: SaleRecord[] = [];
    // Several rows share a millisecond, as sales written in one burst do.
    for (let n = 0; n < 30; n++) {
      const state: SaleState = n % 5 === 0 ? 'unknown' : n % 7 === 0 ? 'authorizing' : 'approved';
      rows.push(row(1_000 + Math.floor(n / 3), n, { state, signatureState: n % 4 === 0 ? 'unsigned' : 'signed' }));
    }
    await db.sales.bulkAdd(rows);
    return { db, rows };
  };
  const newestFirst = (rows: SaleRecord[]) => [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);

  it('pages through every row exactly once, newest first, across equal timestamps', async () => {
    const { db, rows } = await seed();
    expect(await allPages(db, 'all', 4)).toEqual(newestFirst(rows));
    expect(await allPages(db, 'all', 30)).toEqual(newestFirst(rows));
  });

  it('pages one index range and a merge of several, without gaps or repeats', async () => {
    const { db, rows } = await seed();
    expect(await allPages(db, 'unsigned', 2)).toEqual(newestFirst(rows.filter((r) => r.signatureState === 'unsigned')));
    expect(await allPages(db, 'unknown', 3)).toEqual(newestFirst(rows.filter((r) => r.state === 'unknown' || r.state === 'authorizing')));
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const { db } = await seed();
    const plan = { sources: SALE_VIEWS.all.sources };
    const first = await readAfter(db, plan, null, 15);
    const second = await readAfter(db, plan, first.next, 15);
    expect([first.rows.length, second.rows.length, second.next]).toEqual([15, 15, null]);
  });
});
