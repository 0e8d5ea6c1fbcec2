import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { openCase } from './cases-repo';
import { CountersignDb } from './db';
import { createJob, markResult } from './print-jobs-repo';
import type { SaleRecord, SaleState } from './records';
import { readAfter, readBefore, readBetween } from './sales-keyset';
import type { SaleCursor, SalePlan } from './sales-keyset';
import { filterCounts, planFor, querySales } from './sales-query';
import type { SaleSearch } from './sales-query';
import { SALE_FILTERS } from './sales-views';
import type { SaleFilter } from './sales-views';
import { createSale, updateSale } from './sales-repo';

const fresh = () => new CountersignDb(`t-${uuidv7()}`);

const STATES: SaleState[] = ['approved', 'declined', 'unknown', 'authorizing', 'reversed', 'voided', 'offline-accepted', 'cancelled'];

/** A stored sale; ids sort like UUIDv7s (time first), and bursts share a millisecond. */
const row = (n: number): SaleRecord => {
  const createdAt = 10_000 + Math.floor(n / 3) * 7;
  return {
    id: `${String(createdAt).padStart(14, '0')}-${String(n).padStart(4, '0')}`,
    kind: n % 11 === 0 ? 'refund' : 'sale',
    originalSaleId: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    operatorId: 'op-1',
    amountFen: 100 + (n % 7),
    state: STATES[n % STATES.length] ?? 'approved',
    signatureState: n % 5 === 0 ? 'unsigned' : 'signed',
    card: null,
    last4: String(1000 + (n % 4)),
    fingerprint: '',
    reference: `R${n % 6}`,
    note: '',
    stan: null,
    batch: null,
    authCode: `A${n % 9}`,
    rrn: `RRN${n % 10}`,
    responseCode: null,
    channel: 'online',
    linkId: 'training',
    sealed: null,
    offlineQueuedAt: null,
    forwardedAt: null,
    forwardAttempts: 0,
    reversalCode: null,
    signatureForced: false,
    followUp: n % 13 === 0 ? 'open' : 'none',
    openCases: 0,
  };
};

const ROWS = Array.from({ length: 120 }, (_, n) => row(n));

const seed = async (): Promise<CountersignDb> => {
  const db = fresh();
  await db.sales.bulkAdd(ROWS);
  return db;
};

const inFilter = (s: SaleRecord, f: SaleFilter): boolean =>
  ({
    all: true,
    unsigned: s.signatureState === 'unsigned',
    'not-printed': false,
    'offline-pending': s.state === 'offline-accepted',
    unknown: s.state === 'unknown' || s.state === 'authorizing',
    declined: s.state === 'declined',
    reversed: s.state === 'reversed' || s.state === 'voided',
    refunded: s.kind === 'refund',
    'follow-up': s.followUp === 'open',
    disputed: false,
  })[f];

const inSearch = (s: SaleRecord, q: SaleSearch): boolean =>
  (q.from == null || s.createdAt >= q.from) &&
  (q.to == null || s.createdAt <= q.to) &&
  (q.amountFen == null || s.amountFen === q.amountFen) &&
  (!q.last4 || s.last4 === q.last4) &&
  (!q.authCode || s.authCode === q.authCode) &&
  (!q.reference || s.reference === q.reference || s.rrn === q.reference);

const newestFirst = (rows: SaleRecord[]): string[] => [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((r) => r.id);

const expected = (f: SaleFilter, q: SaleSearch): string[] => newestFirst(ROWS.filter((s) => inFilter(s, f) && inSearch(s, q)));

const allPages = async (db: CountersignDb, plan: SalePlan, limit: number): Promise<string[]> => {
  const ids: string[] = [];
  let after: SaleCursor | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const page = await readAfter(db, plan, after, limit);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('paging did not end');
};

const SEARCHES: SaleSearch[] = [
  {},
  { last4: '1002' },
  { amountFen: 103 },
  { authCode: 'A4' },
  { reference: 'R2' },
  { reference: 'RRN7' },
  { from: 10_050, to: 10_150 },
  { last4: '1001', from: 10_030 },
  { amountFen: 101, to: 10_200 },
];

describe('live list queries', () => {
  it('pages every filter and search newest first, each row once, across shared milliseconds', async () => {
    const db = await seed();
    for (const f of SALE_FILTERS.filter((f) => f !== 'not-printed' && f !== 'disputed')) {
      for (const q of SEARCHES) {
        const want = expected(f, q);
        expect(await allPages(db, planFor(f, q), 4), `${f} ${JSON.stringify(q)}`).toEqual(want);
        expect(await allPages(db, planFor(f, q), 50), `${f} ${JSON.stringify(q)}`).toEqual(want);
      }
    }
  });

  it('reads the rows above a cursor (scrolling back up) and the rows of a fixed range (a live page)', async () => {
    const db = await seed();
    for (const f of ['all', 'unknown', 'unsigned'] as const) {
      const plan = planFor(f, {});
      const all = expected(f, {});
      const at = 9; // a row whose millisecond is shared with its neighbours
      const cursor = ROWS.find((r) => r.id === all[at])!;
      const above = await readBefore(db, plan, cursor, false, 5);
      expect(above.rows.map((r) => r.id)).toEqual(all.slice(Math.max(0, at - 5), at));
      const withIt = await readBefore(db, plan, cursor, true, 5);
      expect(withIt.rows.map((r) => r.id)).toEqual(all.slice(Math.max(0, at - 4), at + 1));
      expect(withIt.above?.id ?? null).toBe(at - 5 >= 0 ? all[at - 5] : null);
      const from = ROWS.find((r) => r.id === all[3])!;
      const to = ROWS.find((r) => r.id === all[11])!;
      expect((await readBetween(db, plan, from, to)).map((r) => r.id)).toEqual(all.slice(4, 12));
      expect((await readBetween(db, plan, null, from)).map((r) => r.id)).toEqual(all.slice(0, 4));
      expect((await readBetween(db, plan, to, null)).map((r) => r.id)).toEqual(all.slice(12));
    }
  });

  it('gives the newest sales for a search (the SMS lookup)', async () => {
    const db = await seed();
    expect((await querySales(db, 'all', { last4: '1003', amountFen: 103 }, 3)).map((r) => r.id)).toEqual(expected('all', { last4: '1003', amountFen: 103 }).slice(0, 3));
  });
});

describe('derived views and counts', () => {
  const newSale = { kind: 'sale' as const, amountFen: 500, operatorId: 'op-1', reference: '', note: '', originalSaleId: null };

  it('counts every filter from the running counters and the two small sets, as the list shows them', async () => {
    const db = fresh();
    const ids: string[] = [];
    const paths: SaleState[][] = [['card-read', 'authorizing', 'approved'], ['card-read', 'authorizing', 'declined'], ['card-read', 'authorizing', 'unknown'], ['card-read', 'offline-accepted'], ['cancelled']];
    for (const path of [...paths, ...paths]) {
      const sale = await createSale(db, newSale);
      for (const state of path) await updateSale(db, sale.id, { state }, { actor: 'op-1', action: `sale.${state}` });
      ids.push(sale.id);
    }
    await updateSale(db, ids[0]!, { signatureState: 'unsigned', followUp: 'open' }, { actor: 'op-1', action: 'sale.unsigned' });
    await updateSale(db, ids[5]!, { state: 'voided' }, { actor: 'op-1', action: 'sale.voided' });
    // Two cases on one sale are one disputed sale.
    for (const type of ['wrong-amount', 'duplicate-charge'] as const) await openCase(db, { saleIds: [ids[0]!], type, notes: '', dueAt: null, operatorId: 'op-1' });
    // Not printed: a charged sale whose copy failed, and one whose copy is still queued; a voided
    // sale's failed copy is owed to nobody.
    for (const saleId of [ids[0]!, ids[5]!]) {
      const job = await createJob(db, { saleId, copy: 'merchant', reprint: 0, printer: 'p', operatorId: 'op-1' });
      await markResult(db, job.id, { state: 'failed', failure: 'paper-end', bytesSha256: null, byteCount: 0, printer: 'p' });
    }
    await createJob(db, { saleId: ids[3]!, copy: 'customer', reprint: 0, printer: 'p', operatorId: 'op-1' });

    const counts = await filterCounts(db);
    for (const f of SALE_FILTERS) {
      const shown = await allPages(db, planFor(f, {}), 3);
      expect(counts[f], f).toBe(shown.length);
    }
    expect(counts).toMatchObject({ all: 10, 'not-printed': 2, disputed: 1, unknown: 2, reversed: 1, unsigned: 1, 'follow-up': 1 });
  });
});
