import { openBenchPage, withBrowserSession } from './browser-session';
import type { BrowserSession } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: {
    open(name: string): Promise<void>;
    insert(name: string, from: number, count: number): Promise<number>;
    count(name: string): Promise<number>;
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

/** Chromium lost mid-run (its process ended or was killed); anything else is a real failure. */
const browserLost = (error: unknown): boolean => /closed|crashed|disconnected/i.test(error instanceof Error ? error.message : String(error));

/**
 * Fills one table of `size` sales slice by slice, printing progress, then pages through it.
 * If the browser is lost on the way (a long 1M run on a shared machine), a new one is started
 * on the same profile and the table is continued from its committed rows (up to 3 times),
 * so an hour of inserting is not thrown away; the insert time counts completed slices only.
 */
const measureSize = async (s: BrowserSession, size: number): Promise<BenchRow[]> => {
  const name = `bench-${size}-${Date.now()}`;
  const l = label(size);
  const id = l.toLowerCase();
  await s.page.evaluate((n) => window.countersignBench!.open(n), name);
  let insertMs = 0;
  let lost = 0;
  const started = Date.now();
  try {
    for (let from = 0; from < size; ) {
      const count = Math.min(SLICE, size - from);
      try {
        insertMs += await s.page.evaluate(([n, f, c]) => window.countersignBench!.insert(n, f, c), [name, from, count] as const);
        from += count;
        if (size >= 200_000) say(`storage ${l}: ${from.toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      } catch (error) {
        if (!browserLost(error) || ++lost > 3) throw error;
        await s.relaunch();
        await openBenchPage(s.page, s.host);
        await s.page.evaluate((n) => window.countersignBench!.open(n), name);
        from = await s.page.evaluate((n) => window.countersignBench!.count(n), name);
        say(`storage ${l}: the browser was lost (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); started again on the same profile, going on from row ${from.toLocaleString('en')}`);
      }
    }
    const q = await s.page.evaluate(([n, rows]) => window.countersignBench!.query(n, rows), [name, size] as const);
    return [
      { id: `storage.insert-${id}`, name: `sales bulk insert ${l} (10k per strict tx)`, value: insertMs / 1000, unit: 's' },
      { id: `storage.insert-per-row-${id}`, name: `sales insert per row ${l}`, value: (insertMs * 1000) / size, unit: 'µs' },
      { id: `storage.page-by-state-${id}`, name: `keyset page of 50 by [state+createdAt] at ${l}`, value: q.queryPageMs, unit: 'ms', target: 5 },
      { id: `storage.page-by-last4-${id}`, name: `page of 50 by [last4+createdAt] at ${l}`, value: q.last4PageMs, unit: 'ms', target: 5 },
    ];
  } finally {
    await s.page.evaluate((n) => window.countersignBench!.drop(n), name);
  }
};

/**
 * Dexie bulk insert and indexed keyset queries at 100k and 1M sales, in Chromium through the
 * browser host (BENCH_SALES_ROWS=100000 for the short run), each in a fresh browser profile.
 */
export default async function storageBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes = (process.env.BENCH_SALES_ROWS ?? '100000,1000000').split(',').map(Number);
  // Each table, and the audit run, in a browser profile of its own: all of an origin's databases
  // share one LevelDB, so the next figure would otherwise include compacting the last one away.
  for (const size of sizes) {
    rows.push(
      ...(await withBrowserSession(async (s) => {
        await openBenchPage(s.page, s.host);
        return measureSize(s, size);
      })),
    );
  }
  const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
  const a = await withBrowserSession(async (s) => {
    await openBenchPage(s.page, s.host);
    return s.page.evaluate((n) => window.countersignBench!.audit(n), entries);
  });
  if (!a.ok) throw new Error('the audit chain did not verify');
  const l = label(entries);
  rows.push({ id: `audit.append-total-${l.toLowerCase()}`, name: `audit append ${l} (1,000 per strict tx)`, value: a.appendMs / 1000, unit: 's' });
  rows.push({ id: 'audit.append', name: 'audit append per entry', value: (a.appendMs * 1000) / entries, unit: 'µs' });
  rows.push({ id: `audit.verify-${l.toLowerCase()}`, name: `audit verifyChain ${l}`, value: a.verifyMs / 1000, unit: 's' });
  return rows;
}
