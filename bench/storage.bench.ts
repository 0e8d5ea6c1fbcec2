import type { Page } from '@playwright/test';
import { openBenchPage, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: {
    open(name: string): Promise<void>;
    insert(name: string, from: number, count: number): Promise<number>;
    query(name: string, rows: number): Promise<{ queryPageMs: number; last4PageMs: number; found: number }>;
    drop(name: string): Promise<void>;
    audit(n: number): Promise<{ appendMs: number; verifyMs: number; ok: boolean }>;
  };
}
declare const window: BenchWindow;

/** Rows per page.evaluate: each call returns in a minute or two even on a loaded machine. */
const SLICE = 50_000;

const label = (size: number): string => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`);

const say = (line: string): void => void process.stdout.write(`  ${line}\n`);

/** Fills one table of `size` sales slice by slice, printing progress, then pages through it. */
const measureSize = async (page: Page, size: number): Promise<BenchRow[]> => {
  const name = `bench-${size}-${Date.now()}`;
  const l = label(size);
  const id = l.toLowerCase();
  await page.evaluate((n) => window.countersignBench!.open(n), name);
  let insertMs = 0;
  const started = Date.now();
  try {
    for (let from = 0; from < size; from += SLICE) {
      const count = Math.min(SLICE, size - from);
      insertMs += await page.evaluate(([n, f, c]) => window.countersignBench!.insert(n, f, c), [name, from, count] as const);
      if (size >= 200_000) say(`storage ${l}: ${(from + count).toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    const q = await page.evaluate(([n, rows]) => window.countersignBench!.query(n, rows), [name, size] as const);
    return [
      { id: `storage.insert-${id}`, name: `sales bulk insert ${l} (10k per strict tx)`, value: insertMs / 1000, unit: 's' },
      { id: `storage.insert-per-row-${id}`, name: `sales insert per row ${l}`, value: (insertMs * 1000) / size, unit: 'µs' },
      { id: `storage.page-by-state-${id}`, name: `keyset page of 50 by [state+createdAt] at ${l}`, value: q.queryPageMs, unit: 'ms', target: 5 },
      { id: `storage.page-by-last4-${id}`, name: `page of 50 by [last4+createdAt] at ${l}`, value: q.last4PageMs, unit: 'ms', target: 5 },
    ];
  } finally {
    await page.evaluate((n) => window.countersignBench!.drop(n), name);
  }
};

/**
 * Dexie bulk insert and indexed keyset queries at 100k and 1M sales, in Chromium through the
 * browser host (BENCH_SALES_ROWS=100000 for the short run). Each size starts from a fresh page
 * so the next one does not inherit its memory.
 */
export default async function storageBench(): Promise<BenchRow[]> {
  return withBrowserHost(async (page, host) => {
    const rows: BenchRow[] = [];
    const sizes = (process.env.BENCH_SALES_ROWS ?? '100000,1000000').split(',').map(Number);
    for (const size of sizes) {
      await openBenchPage(page, host);
      rows.push(...(await measureSize(page, size)));
    }
    await openBenchPage(page, host);
    const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
    const a = await page.evaluate((n) => window.countersignBench!.audit(n), entries);
    if (!a.ok) throw new Error('the audit chain did not verify');
    const l = label(entries);
    rows.push({ id: `audit.append-total-${l.toLowerCase()}`, name: `audit append ${l} (1,000 per strict tx)`, value: a.appendMs / 1000, unit: 's' });
    rows.push({ id: 'audit.append', name: 'audit append per entry', value: (a.appendMs * 1000) / entries, unit: 'µs' });
    rows.push({ id: `audit.verify-${l.toLowerCase()}`, name: `audit verifyChain ${l}`, value: a.verifyMs / 1000, unit: 's' });
    return rows;
  });
}
