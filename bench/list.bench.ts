import type { Page } from '@playwright/test';
import { firstRun, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: { seedApp(n: number): Promise<number> };
}
declare const window: BenchWindow & { requestAnimationFrame(cb: (t: number) => void): number };
declare const document: { querySelector(s: string): { getAttribute(n: string): string | null; click(): void; scrollTop: number } | null };
declare const performance: { now(): number };

/** In the page: click, then wait frame by frame until the first row changes. */
const timeFilterChange = (page: Page, filter: string): Promise<number> =>
  page.evaluate(async (f) => {
    const sel = '[data-testid="sale-row"]';
    const before = document.querySelector(sel)?.getAttribute('data-sale-id') ?? null;
    const t0 = performance.now();
    document.querySelector(`[data-testid="filter-${f}"]`)?.click();
    for (;;) {
      await new Promise((r) => window.requestAnimationFrame(r));
      const now = document.querySelector(sel)?.getAttribute('data-sale-id') ?? null;
      if (now !== null && now !== before) return performance.now() - t0;
      if (performance.now() - t0 > 10_000) return Number.NaN;
    }
  }, filter);

/** Scrolls the list 300 px per frame for 150 frames and returns the frame times. */
const scrollFrames = (page: Page): Promise<number[]> =>
  page.evaluate(async () => {
    const list = document.querySelector('[data-testid="sales-list"]');
    const frames: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 150 && list; i++) {
      list.scrollTop += 300;
      await new Promise((r) => window.requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    return frames;
  });

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

/** The live list with 200,000 sales in IndexedDB (Chromium): first render, filter changes, scroll frame times. */
export default async function listBench(): Promise<BenchRow[]> {
  const rowsWanted = Number(process.env.BENCH_LIST_ROWS ?? 200_000);
  const rows: BenchRow[] = [];
  await withBrowserHost(async (page, host) => {
    await page.goto(`${host.web.origin}/bench.html`);
    await page.waitForFunction(() => window.countersignBench !== undefined);
    const seedMs = await page.evaluate((n) => window.countersignBench!.seedApp(n), rowsWanted);
    rows.push({ name: `seed ${rowsWanted} sales (relaxed bulk import)`, value: seedMs / 1000, unit: 's' });

    await firstRun(page, host);
    const t0 = Date.now();
    await page.getByTestId('nav-transactions').click();
    await page.getByTestId('sale-row').first().waitFor();
    rows.push({ name: 'first render of the list (click → first row)', value: Date.now() - t0, unit: 'ms', target: 100 });
    const changes: number[] = [];
    for (const f of ['unsigned', 'declined', 'all', 'reversed', 'all', 'declined', 'unsigned']) changes.push(await timeFilterChange(page, f));
    rows.push({ name: 'filter change → rows shown (median of 7)', value: pct(changes, 0.5), unit: 'ms', target: 100 });
    rows.push({ name: 'filter change → rows shown (worst of 7)', value: Math.max(...changes), unit: 'ms', target: 100 });
    const frames = await scrollFrames(page);
    rows.push({ name: 'scroll frame time p95', value: pct(frames, 0.95), unit: 'ms', target: 16.7 });
    rows.push({ name: 'scroll frame time median', value: pct(frames, 0.5), unit: 'ms', target: 16.7 });
  });
  return rows;
}
