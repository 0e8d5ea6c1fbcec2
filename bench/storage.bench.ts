import { withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: {
    run(n: number): Promise<{ insertMs: number; insertPerRowUs: number; queryPageMs: number; last4PageMs: number }>;
    audit(n: number): Promise<{ appendMs: number; verifyMs: number; ok: boolean }>;
  };
}
declare const window: BenchWindow;

/** Dexie bulk insert and indexed keyset queries at 100k and 1M sales, in Chromium through the browser host. */
export default async function storageBench(): Promise<BenchRow[]> {
  return withBrowserHost(async (page, host) => {
    const rows: BenchRow[] = [];
    await page.goto(`${host.web.origin}/bench.html`);
    await page.waitForFunction(() => window.countersignBench !== undefined);
    const sizes = (process.env.BENCH_SALES_ROWS ?? '100000,1000000').split(',').map(Number);
    for (const size of sizes) {
      const r = await page.evaluate((n) => window.countersignBench!.run(n), size);
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      rows.push({ name: `sales bulk insert ${label} (10k per strict tx)`, value: r.insertMs / 1000, unit: 's' });
      rows.push({ name: `sales insert per row ${label}`, value: r.insertPerRowUs, unit: 'µs' });
      rows.push({ name: `keyset page of 50 by [state+createdAt] at ${label}`, value: r.queryPageMs, unit: 'ms', target: 5 });
      rows.push({ name: `page of 50 by [last4+createdAt] at ${label}`, value: r.last4PageMs, unit: 'ms', target: 5 });
    }
    const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
    const a = await page.evaluate((n) => window.countersignBench!.audit(n), entries);
    if (!a.ok) throw new Error('the audit chain did not verify');
    rows.push({ name: `audit append ${entries / 1000}k (1,000 per strict tx)`, value: a.appendMs / 1000, unit: 's' });
    rows.push({ name: `audit append per entry`, value: (a.appendMs * 1000) / entries, unit: 'µs' });
    rows.push({ name: `audit verifyChain ${entries / 1000}k`, value: a.verifyMs / 1000, unit: 's' });
    return rows;
  });
}
