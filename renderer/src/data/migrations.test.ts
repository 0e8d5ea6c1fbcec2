import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import type { Table, Transaction } from 'dexie';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/domain/ids';
import { CountersignDb } from './db';
import type { SaleRecord } from './records';
import { saleRecord } from './sale-fixture';
import { buildRunningTotals } from './migrations';
import { SCHEMA_EOD, SCHEMA_V1, SCHEMA_V3_CHANGES } from './schema';

/**
 * The migration pattern of migrations.ts, exercised on a test-only v2 (a class of its own,
 * beside the app's real v2): a new version re-declares the changed store (here an index) and an
 * upgrade function moves the data, in Dexie's version-change transaction.
 */
interface SaleRow {
  id: string;
  createdAt: number;
  operatorId: string;
  amountFen: number;
  shift?: string;
}

class V1 extends Dexie {
  sales!: Table<SaleRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
  }
}

class V2 extends Dexie {
  sales!: Table<SaleRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores({ ...SCHEMA_V1, sales: `${SCHEMA_V1.sales}, [shift+createdAt]` })
      .upgrade((tx) =>
        tx
          .table<SaleRow, string>('sales')
          .toCollection()
          .modify((s) => {
            s.shift ??= new Date(s.createdAt).getUTCHours() < 14 ? 'morning' : 'evening';
          }),
      );
  }
}

const rows: SaleRow[] = [
  { id: 'a', createdAt: Date.UTC(2026, 10, 23, 9), operatorId: 'op-1', amountFen: 100 },
  { id: 'b', createdAt: Date.UTC(2026, 10, 23, 18), operatorId: 'op-2', amountFen: 200 },
  { id: 'c', createdAt: Date.UTC(2026, 10, 23, 10), operatorId: 'op-1', amountFen: 300, shift: 'kept' },
];

describe('schema migrations', () => {
  it('upgrades a v1 database to a test-only v2: new index built, rows migrated, nothing lost', async () => {
    const name = `t-${uuidv7()}`;
    const v1 = new V1(name);
    await v1.sales.bulkAdd(rows);
    v1.close();

    const v2 = new V2(name);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.sales.count()).toBe(3);
    expect((await v2.sales.orderBy('id').toArray()).map((s) => s.shift)).toEqual(['morning', 'evening', 'kept']);
    const mornings = await v2.sales.where('[shift+createdAt]').between(['morning', Dexie.minKey], ['morning', Dexie.maxKey]).toArray();
    expect(mornings.map((s) => s.id)).toEqual(['a']);
    v2.close();
  });

  it('opens a database written by the v1 schema with the app’s own class', async () => {
    const name = `t-${uuidv7()}`;
    const v1 = new V1(name);
    await v1.sales.bulkAdd(rows);
    v1.close();
    const app = new CountersignDb(name);
    expect(await app.sales.where('createdAt').above(0).count()).toBe(3);
    expect(app.verno).toBe(7);
    app.close();
  });

  it('v2: a charged sale left pending becomes unsigned, an uncharged one needs no signature, counts move with them, new fields filled', async () => {
    const name = `t-${uuidv7()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('sales').bulkAdd([
      { id: 'a', createdAt: 1, state: 'approved', signatureState: 'pending' },
      { id: 'b', createdAt: 2, state: 'declined', signatureState: 'pending' },
      { id: 'c', createdAt: 3, state: 'authorizing', signatureState: 'pending' },
      { id: 'd', createdAt: 4, state: 'approved', signatureState: 'signed' },
    ]);
    await v1.table('counters').bulkPut([
      { key: 'signature:pending', value: 3 },
      { key: 'signature:signed', value: 1 },
    ]);
    v1.close();
    const app = new CountersignDb(name);
    const sales = await app.sales.orderBy('createdAt').toArray();
    expect(sales.map((s) => s.signatureState)).toEqual(['unsigned', 'not-required', 'pending', 'signed']);
    expect(sales[0]).toMatchObject({ linkId: null, forwardAttempts: 0, reversalCode: null, signatureForced: false });
    const counts = Object.fromEntries((await app.counters.toArray()).map((c) => [c.key, c.value]));
    expect(counts).toMatchObject({ 'signature:pending': 1, 'signature:unsigned': 1, 'signature:not-required': 1, 'signature:signed': 1 });
    app.close();
  });

  it('v4 (end of day) builds the running totals of sales recorded before it, and re-running the build gives the same rows', async () => {
    const name = `t-${uuidv7()}`;
    const v1 = new V1(name);
    const at = Date.UTC(2026, 10, 23, 2);
    const sale = (id: string, over: Partial<SaleRecord>): SaleRecord => ({ ...saleRecord({ id, createdAt: at, amountFen: 1000, state: 'approved', batch: '000001', signatureState: 'signed' }), ...over });
    await (v1.sales as unknown as Table<SaleRecord, string>).bulkAdd([
      sale('a', {}),
      sale('b', { amountFen: 2500, signatureState: 'unsigned' }),
      sale('c', { kind: 'refund', amountFen: 500 }),
      sale('d', { state: 'declined', batch: null }),
    ]);
    v1.close();
    const app = new CountersignDb(name);
    const day = await app.totals.where('[scope+scopeId]').equals(['day', '2026-11-23']).toArray();
    const sum = (bucket: string) => day.filter((r) => r.bucket === bucket).reduce((t, r) => [t[0]! + r.count, t[1]! + r.amountFen], [0, 0]);
    expect([sum('debit'), sum('credit'), sum('declined'), sum('unsigned')]).toEqual([[2, 3500], [1, 500], [1, 1000], [1, 2500]]);
    expect((await app.totals.where('[scope+scopeId]').equals(['batch', '000001']).toArray()).filter((r) => r.bucket === 'debit').reduce((t, r) => t + r.count, 0)).toBe(2);
    const before = await app.totals.orderBy('key').toArray();
    await app.transaction('rw', [app.sales, app.totals], (tx: Transaction) => buildRunningTotals(tx));
    expect(await app.totals.orderBy('key').toArray()).toEqual(before);
    app.close();
  });

  it('v3 then v4 from schema 1: PIN hashes staged for main and running totals built, in one opening', async () => {
    const name = `t-${uuidv7()}`;
    const v1 = new V1(name);
    await (v1.sales as unknown as Table<SaleRecord, string>).add(saleRecord({ id: 'a', createdAt: Date.UTC(2026, 10, 23, 2), amountFen: 1200, state: 'approved', batch: '000001', signatureState: 'signed' }));
    const op = { id: uuidv7(), name: 'Wang', role: 'manager', createdAt: 1, disabled: false, pinHash: 'h'.repeat(44), pinSalt: 's'.repeat(24), pinIterations: 600_000 };
    await v1.table('operators').add(op);
    v1.close();
    const app = new CountersignDb(name);
    expect(app.verno).toBe(7);
    expect(await app.operators.toArray()).toEqual([{ id: op.id, name: 'Wang', role: 'manager', createdAt: 1, disabled: false }]);
    expect(await app.operatorImport.toArray()).toEqual([op]);
    const debit = (await app.totals.where('[scope+scopeId]').equals(['day', '2026-11-23']).toArray()).filter((r) => r.bucket === 'debit');
    expect(debit.reduce((t, r) => [t[0]! + r.count, t[1]! + r.amountFen], [0, 0])).toEqual([1, 1200]);
    app.close();
  });

  it('v4 from a database already at schema 3: only the end-of-day upgrade runs, the staged operators stay', async () => {
    const name = `t-${uuidv7()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores({});
    v3.version(3).stores(SCHEMA_V3_CHANGES);
    await v3.open();
    const legacy = { id: uuidv7(), name: 'Li', role: 'cashier', createdAt: 2, disabled: false, pinHash: 'h'.repeat(44), pinSalt: 's'.repeat(24), pinIterations: 600_000 };
    await v3.table('operatorImport').add(legacy);
    await v3.table('sales').add(saleRecord({ id: 'b', createdAt: Date.UTC(2026, 10, 24, 2), amountFen: 800, state: 'approved', batch: '000002', signatureState: 'signed' }));
    v3.close();
    const app = new CountersignDb(name);
    expect(app.verno).toBe(7);
    expect(Object.keys(SCHEMA_EOD).every((t) => app.tables.some((x) => x.name === t))).toBe(true);
    expect(await app.operatorImport.toArray()).toEqual([legacy]);
    expect((await app.totals.where('[scope+scopeId]').equals(['batch', '000002']).toArray()).filter((r) => r.bucket === 'debit').map((r) => r.amountFen)).toEqual([800]);
    app.close();
  });
});
