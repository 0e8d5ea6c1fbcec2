import type { Page } from '@playwright/test';
import { firstRun, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: { seedApp(n: number): Promise<number> };
  __swiped?: number;
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

/**
 * The live list with 200,000 sales in IndexedDB (Chromium): first render, filter changes, scroll
 * frame times; and the counter's own time from card summary to approval shown at zero host latency.
 */
export default async function counterBench(): Promise<BenchRow[]> {
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

    // Counter overhead: swipe event → result shown, with the simulated host answering at once.
    await page.getByTestId('nav-counter').click();
    const overheads: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const k of ['1', String(i + 1), '0', '0']) await page.getByTestId(`key-${k}`).click();
      await page.getByTestId('counter-charge').click();
      const started = Date.now();
      await page.getByTestId('counter-test-card-visa').click();
      await page.getByTestId('counter-result').waitFor();
      overheads.push(Date.now() - started);
      while ((await page.getByTestId('counter').getAttribute('data-step')) !== 'amount') await page.getByTestId('counter-next').click();
    }
    rows.push({ name: 'counter: test card click → approval shown, 0 ms host (median of 5)', value: pct(overheads, 0.5), unit: 'ms', target: 50 });
  }, { acquirer: { simulatedLatencyMs: 0 }, signature: { rule: 'never' } });
  return rows;
}
