import { uuidv7 } from '../../../shared/domain/ids';
import { matchAll } from '../../../shared/domain/reconciliation/matcher';
import type { AcquirerRow, ConsoleSlip } from '../../../shared/domain/reconciliation/match-types';
import { dayOf } from '../../../shared/domain/reconciliation/values';
import { buildReportDocument } from '../../../shared/domain/receipt/report-document';
import { CountersignDb } from '../data/db';
import type { SaleRecord, SaleState } from '../data/records';
import type { TotalRecord } from '../data/records-eod';
import { contributions } from '../data/sale-totals';
import { dailyReport, operatorNames } from '../services/end-of-day/report-builder';
import { ImportService } from '../services/recon/import-service';

/**
 * End-of-day and reconciliation benchmarks in Chromium's real IndexedDB (bench/recon.bench.ts):
 * a 100,000-row GBK settlement file imported (parse + validate + store), the three-way match of
 * 100,000 slips with 100,000 settlement rows, and the daily report at 200,000 sales from the
 * running totals. Peak memory is the JS heap (performance.memory, precise with
 * --enable-precise-memory-info) sampled at every step the code reports, less the heap before.
 */
interface MemoryInfo {
  usedJSHeapSize: number;
}
const heap = (): number => (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? 0;

class PeakHeap {
  private readonly base = heap();
  private peak = this.base;
  sample = (): void => {
    this.peak = Math.max(this.peak, heap());
  };
  get mb(): number {
    this.sample();
    return (this.peak - this.base) / 1_048_576;
  }
}

/** Imports the file at `url` (a GBK CSV) into a fresh database through the import service. */
const reconImport = async (url: string): Promise<{ ms: number; rows: number; peakMb: number; bytes: number }> => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const name = `bench-import-${Date.now()}`;
  const db = new CountersignDb(name);
  await db.open();
  const service = new ImportService(db);
  const peak = new PeakHeap();
  const off = service.subscribe(peak.sample);
  const started = performance.now();
  await service.open({ name: 'settlement-100k.csv', bytes });
  peak.sample();
  if (service.getSnapshot().phase !== 'preview') throw new Error(`import refused: ${JSON.stringify(service.getSnapshot().error)}`);
  await service.confirm('bench');
  const ms = performance.now() - started;
  off();
  const rows = service.getSnapshot().result?.added ?? 0;
  const peakMb = peak.mb;
  db.close();
  await CountersignDb.delete(name);
  return { ms, rows, peakMb, bytes: bytes.length };
};

/** 100,000 slips and 100,000 settlement rows: most match by RRN, some only by the scored pass, some differ. */
const reconMatch = (n: number): { ms: number; items: number; peakMb: number } => {
  const t0 = Date.UTC(2026, 10, 1, 1);
  const slips: ConsoleSlip[] = [];
  const rows: AcquirerRow[] = [];
  for (let i = 0; i < n; i++) {
    const at = t0 + i * 20_000;
    const day = dayOf(at);
    const amountFen = 100 + ((i * 7919) % 500_000);
    const rrn = String(i).padStart(12, '0');
    const last4 = String(1000 + (i % 9000));
    const trace = String(i % 1_000_000).padStart(6, '0');
    slips.push({ id: `s${i}`, at, day, kind: 'sale', amountFen, rrn, terminal: '10000001', batch: '000001', trace, last4 });
    if (i % 50 === 1) continue; // missing at the acquirer
    rows.push({ id: `r${i}`, at: at + 45_000, day, settleDay: null, kind: 'sale', amountFen: i % 97 === 0 ? amountFen + 100 : amountFen, feeFen: Math.floor((amountFen * 60 + 5000) / 10_000), netFen: null, rrn: i % 12 === 0 ? null : rrn, terminal: '10000001', batch: '000001', trace, last4 });
  }
  for (let i = 0; rows.length < n; i++) rows.push({ id: `x${i}`, at: t0 + i * 7_000, day: dayOf(t0 + i * 7_000), settleDay: null, kind: 'sale', amountFen: 777_777 + i, feeFen: null, netFen: null, rrn: `9${String(i).padStart(11, '0')}`, terminal: '10000001', batch: '000001', trace: null, last4: '0000' });
  const peak = new PeakHeap();
  const started = performance.now();
  const items = matchAll({ slips, rows, bank: [] }, { feeRateBp: 60 }, peak.sample);
  const ms = performance.now() - started;
  return { ms, items: items.length, peakMb: peak.mb };
};

const STATES: SaleState[] = ['approved', 'approved', 'approved', 'approved', 'declined', 'approved', 'reversed', 'cancelled'];

/** `n` sales over 30 days in the app's schema, with their running totals as the sale writes keep them. */
const seedSales = async (db: CountersignDb, n: number, t0: number): Promise<void> => {
  const totals = new Map<string, TotalRecord>();
  for (let start = 0; start < n; start += 10_000) {
    const batch: SaleRecord[] = [];
    for (let i = start; i < Math.min(n, start + 10_000); i++) {
      const createdAt = t0 + Math.floor((i * 30 * 86_400_000) / n);
      const last4 = String(1000 + (i % 9000));
      const s: SaleRecord = {
        id: uuidv7(createdAt),
        kind: i % 40 === 0 ? 'refund' : 'sale',
        originalSaleId: null,
        createdAt,
        updatedAt: createdAt,
        version: 1,
        operatorId: `op-${i % 4}`,
        amountFen: 100 + ((i * 7919) % 500_000),
        state: STATES[i % STATES.length] ?? 'approved',
        signatureState: i % 13 === 0 ? 'unsigned' : 'signed',
        card: { maskedPan: `************${last4}`, bin: null, last4, brand: i % 7 === 0 ? 'visa' : 'unionpay', entryMode: 'hid-swipe', chip: false, fingerprint: `fp${i % 5000}` },
        last4,
        fingerprint: `fp${i % 5000}`,
        reference: '',
        note: '',
        stan: String(i % 1_000_000).padStart(6, '0'),
        batch: String(1 + Math.floor(i / 6_700)).padStart(6, '0'),
        authCode: '000001',
        rrn: String(i).padStart(12, '0'),
        responseCode: '00',
        channel: 'online',
        sealed: null,
        offlineQueuedAt: null,
        forwardedAt: null,
        followUp: 'none',
        openCases: 0,
        linkId: 'bench-link',
        forwardAttempts: 0,
        reversalCode: null,
        signatureForced: false,
      };
      batch.push(s);
      for (const c of contributions(s)) {
        const t = totals.get(c.key);
        if (t) {
          t.count += c.count;
          t.amountFen += c.amountFen;
        } else totals.set(c.key, { ...c });
      }
    }
    await db.sales.bulkAdd(batch);
  }
  await db.totals.bulkPut([...totals.values()]);
};

/** The daily report of one day of a 200,000-sale database, from the running totals; median of `runs`. */
const eodReport = async (n: number, runs: number): Promise<{ medianMs: number; maxMs: number; totalRows: number; seedMs: number }> => {
  const name = `bench-eod-${Date.now()}`;
  const db = new CountersignDb(name, 'relaxed');
  await db.open();
  const t0 = Date.UTC(2026, 9, 1, 1);
  const seeded = performance.now();
  await seedSales(db, n, t0);
  const seedMs = performance.now() - seeded;
  const day = dayOf(t0 + 15 * 86_400_000);
  const names = operatorNames(db);
  const times: number[] = [];
  let totalRows = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const data = await dailyReport(db, day, names, Date.now());
    buildReportDocument({ data, shopName: 'Bench', merchantId: '898100000000001', terminalId: '10000001', paper: 80, language: 'bilingual', timeZone: 'Asia/Shanghai', printedAt: Date.now(), reprint: null });
    times.push(performance.now() - started);
    totalRows = data.sales.count;
  }
  db.close();
  await CountersignDb.delete(name);
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, maxMs: times[times.length - 1] ?? Number.NaN, totalRows, seedMs };
};

declare global {
  interface Window {
    reconBench?: { reconImport: typeof reconImport; reconMatch: typeof reconMatch; eodReport: typeof eodReport };
  }
}

window.reconBench = { reconImport, reconMatch, eodReport };
