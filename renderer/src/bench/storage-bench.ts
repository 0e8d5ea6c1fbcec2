import { CountersignDb } from '../data/db';
import type { SaleRecord, SaleState } from '../data/records';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, verifyChain } from '../data/audit-repo';

/**
 * Storage benchmarks in the real engine (Chromium's IndexedDB), loaded by bench/storage.bench.ts
 * through the browser host. Never in fake-indexeddb, which is several times faster.
 */
// No 'unknown' or 'authorizing' rows: those are settled with the host before the next sale.
const STATES: SaleState[] = ['approved', 'approved', 'approved', 'approved', 'declined', 'approved', 'reversed', 'cancelled'];

const makeSale = (i: number, t0: number): SaleRecord => {
  const createdAt = t0 + i * 1000;
  const last4 = String(1000 + (i % 9000));
  return {
    id: uuidv7(createdAt),
    kind: 'sale',
    originalSaleId: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    operatorId: 'bench',
    amountFen: 100 + ((i * 7919) % 500_000),
    state: STATES[i % STATES.length] ?? 'approved',
    signatureState: i % 13 === 0 ? 'unsigned' : 'signed',
    card: { maskedPan: `************${last4}`, bin: null, last4, brand: 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: `fp${i % 5000}` },
    last4,
    fingerprint: `fp${i % 5000}`,
    reference: `R${i}`,
    note: '',
    stan: String(i % 1_000_000).padStart(6, '0'),
    batch: '000001',
    authCode: String(i % 1_000_000).padStart(6, '0'),
    rrn: String(i).padStart(12, '0'),
    responseCode: '00',
    channel: 'online',
    linkId: 'training',
    sealed: null,
    offlineQueuedAt: null,
    forwardedAt: null,
    forwardAttempts: 0,
    reversalCode: null,
    signatureForced: false,
    followUp: 'none',
    openCases: 0,
  };
};

const time = async (fn: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

/**
 * One database per size, filled in slices: the page holds one slice at a time and each call
 * returns within a minute or two however large the table gets (one call for 1,000,000 rows
 * ran for over twenty minutes on a loaded 2-core machine, and that run's browser was lost).
 */
const open = new Map<string, CountersignDb>();
const T0 = Date.UTC(2026, 0, 1);

const openBench = async (name: string): Promise<void> => {
  const db = new CountersignDb(name);
  await db.open();
  open.set(name, db);
};

const dbNamed = (name: string): CountersignDb => {
  const db = open.get(name);
  if (!db) throw new Error(`bench database ${name} is not open`);
  return db;
};

/** Rows `from`..`from + count - 1`, 10,000 per strict transaction; the time spent, ms. */
const insert = async (name: string, from: number, count: number): Promise<number> => {
  const db = dbNamed(name);
  const chunk = 10_000;
  return time(async () => {
    for (let start = from; start < from + count; start += chunk) {
      const batch = Array.from({ length: Math.min(chunk, from + count - start) }, (_, k) => makeSale(start + k, T0));
      await db.sales.bulkAdd(batch);
    }
  });
};

/** Keyset pages of 50 by state and time, as the live list asks for them, and by last 4. */
const query = async (name: string, rows: number): Promise<{ queryPageMs: number; last4PageMs: number; found: number }> => {
  const db = dbNamed(name);
  const queries = 200;
  let found = 0;
  const queryMs = await time(async () => {
    for (let q = 0; q < queries; q++) {
      const upper = T0 + Math.floor(((q * 7919) % rows) * 1000);
      const page = await db.sales.where('[state+createdAt]').between(['approved', T0], ['approved', upper], true, true).reverse().limit(50).toArray();
      found += page.length;
    }
  });
  const last4Ms = await time(async () => {
    for (let q = 0; q < queries; q++) found += (await db.sales.where('[last4+createdAt]').between([String(1000 + q), T0], [String(1000 + q), Infinity]).limit(50).toArray()).length;
  });
  return { queryPageMs: queryMs / queries, last4PageMs: last4Ms / queries, found };
};

/** Rows committed so far: rows go in in index order, one transaction after another, so this is where to go on. */
const count = (name: string): Promise<number> => dbNamed(name).sales.count();

const drop = async (name: string): Promise<void> => {
  open.get(name)?.close();
  open.delete(name);
  await CountersignDb.delete(name);
};

/** Seeds the app's own database with `rows` sales (relaxed durability: a bulk import), counters included. */
const seedApp = async (rows: number): Promise<number> => {
  const db = new CountersignDb(undefined, 'relaxed');
  await db.open();
  const t0 = Date.UTC(2026, 0, 1);
  const counts = new Map<string, number>();
  const started = performance.now();
  for (let start = 0; start < rows; start += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, rows - start) }, (_, k) => makeSale(start + k, t0));
    for (const s of batch) for (const key of [`state:${s.state}`, `signature:${s.signatureState}`, `followUp:${s.followUp}`, `kind:${s.kind}`]) counts.set(key, (counts.get(key) ?? 0) + 1);
    await db.sales.bulkAdd(batch);
  }
  await db.counters.bulkPut([...counts].map(([key, value]) => ({ key, value })));
  db.close();
  return performance.now() - started;
};

/** Audit: `entries` appends (1,000 per strict transaction, as a busy day's sales would batch) then a full verify. */
const audit = async (entries: number): Promise<{ appendMs: number; verifyMs: number; ok: boolean }> => {
  const name = `bench-audit-${Date.now()}`;
  const db = new CountersignDb(name);
  await db.open();
  const appendMs = await time(async () => {
    for (let start = 0; start < entries; start += 1000) {
      await db.transaction('rw', db.audit, db.settings, async () => {
        for (let i = start; i < Math.min(entries, start + 1000); i++) {
          await appendAudit(db, { actor: 'bench', action: 'sale.approved', objectType: 'sale', objectId: `s${i}`, result: 'ok', detail: { amountFen: i } });
        }
      });
    }
  });
  let ok = false;
  const verifyMs = await time(async () => {
    ok = (await verifyChain(db)).ok;
  });
  db.close();
  await CountersignDb.delete(name);
  return { appendMs, verifyMs, ok };
};

declare global {
  interface Window {
    countersignBench?: { open: typeof openBench; insert: typeof insert; count: typeof count; query: typeof query; drop: typeof drop; seedApp: typeof seedApp; audit: typeof audit };
  }
}

window.countersignBench = { open: openBench, insert, count, query, drop, seedApp, audit };
