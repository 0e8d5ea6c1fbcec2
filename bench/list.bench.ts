/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { BrowserHost } from '../electron/web-host/launch';
import { firstRun, openBenchPage, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

/**
 * The live list with 200,000 sales in IndexedDB (Chromium). Clicks are real input (Playwright's
 * mouse: pointer and mouse events, MUI ripples and all), but the clock runs inside the page,
 * so no Playwright round trip is in a figure: it starts at the click event (its own timestamp,
 * taken when the input arrived, so work still running from the press delays nothing unseen)
 * and stops when the first frame showing the expected rows has been painted (a
 * task posted from that frame's rAF callback runs after its paint). Searches set the field's
 * value as a paste does and start the clock then. Scroll frames are timed from each frame's
 * start to its paint.
 */

/** What a measurement waits for, in the order it happens. */
type Until = 'first-row' | 'row-change' | 'search-ready';

interface ListProbe {
  /**
   * Starts a measurement: the clock starts at the next click on the page, or now when
   * `paste` sets a field; each condition of `until` is timed to the painted frame where it holds.
   */
  arm(until: Until[], paste?: { testId: string; value: string }): void;
  /** The armed measurement's times, ms, one per condition (NaN after 10 s). */
  take(): Promise<number[]>;
  /**
   * Scrolls `px` per frame for `frames` frames. `work`: per frame, from the frame's start to
   * its paint (what must fit in 16.7 ms at 60 Hz); `intervals`: between frame starts (a
   * dropped frame shows as 33 ms or more).
   */
  scroll(px: number, frames: number): Promise<{ work: number[]; intervals: number[] }>;
}

interface BenchWindow {
  countersignBench?: { seedApp(n: number): Promise<number> };
  listProbe?: ListProbe;
}
declare const window: BenchWindow;

/** Installed once in the page; each measurement then calls it. */
export const installProbe = async (page: Page): Promise<void> => {
  // tsx (esbuild keepNames) wraps named functions in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => {
    const byTestId = (id: string): HTMLElement | null => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    // A task posted from a frame's rAF callback runs once that frame is painted; at
    // user-blocking priority it runs before queued ordinary tasks (storage callbacks, React's
    // scheduler), which would otherwise be counted as part of the frame.
    const scheduler = (globalThis as { scheduler?: { postTask(cb: () => void, o: { priority: string }): Promise<void> } }).scheduler;
    const afterPaint = (): Promise<void> =>
      scheduler
        ? scheduler.postTask(() => undefined, { priority: 'user-blocking' })
        : new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            channel.port2.postMessage(null);
          });
    const firstRowId = (): string | null => document.querySelector('[data-testid="sale-row"]')?.getAttribute('data-sale-id') ?? null;
    let pending: Promise<number[]> = Promise.resolve([]);
    const probe: ListProbe = {
      arm: (until, paste) => {
        const before = firstRowId();
        const holds: Record<Until, () => boolean> = {
          'first-row': () => firstRowId() !== null,
          'row-change': () => {
            const now = firstRowId();
            return now !== null && now !== before;
          },
          'search-ready': () => document.querySelector('[data-testid="search-bar"][data-ready="true"]') !== null,
        };
        let t0: number | null = null;
        if (paste) {
          const input = byTestId(paste.testId) as HTMLInputElement | null;
          if (!input) throw new Error(`no input ${paste.testId}`);
          t0 = performance.now();
          // React listens for `input`; the native setter makes it see a changed value.
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, paste.value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          document.addEventListener('click', (e) => (t0 = e.timeStamp), { capture: true, once: true });
        }
        pending = (async () => {
          const times: number[] = [];
          const limit = performance.now() + 10_000;
          while (times.length < until.length) {
            const next = until[times.length]!;
            const shown = await new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(t0 !== null && holds[next]())));
            if (shown) {
              await afterPaint();
              times.push(performance.now() - t0!);
            } else if (performance.now() > limit) times.push(Number.NaN);
          }
          return times;
        })();
      },
      take: () => pending,
      scroll: async (px, frames) => {
        const list = byTestId('sales-list');
        const work: number[] = [];
        const intervals: number[] = [];
        if (!list) return { work, intervals };
        let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
        for (let i = 0; i < frames; i++) {
          // The rAF timestamp is when the frame began; the frame's scroll handlers (the list's
          // render) ran just before this callback, its layout and paint run just after it.
          const start = await new Promise<number>((resolve) =>
            requestAnimationFrame((t) => {
              list.scrollTop += px;
              resolve(t);
            }),
          );
          await afterPaint();
          work.push(performance.now() - start);
          intervals.push(start - last);
          last = start;
        }
        return { work, intervals };
      },
    };
    window.listProbe = probe;
  });
};

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const median = (xs: number[]): number => pct(xs, 0.5);

/**
 * A press as a person makes it: the button is held ~80 ms, so what the press itself starts (a
 * MUI ripple) runs while it is held, as it would for a cashier, not on top of the click.
 */
const PRESS_MS = 80;

/** Clicks the element with `testId` (real mouse input) and times `until` from the click. */
const timeClick = async (page: Page, testId: string, until: Until[]): Promise<number[]> => {
  await page.evaluate((u) => window.listProbe!.arm(u), until);
  await page.getByTestId(testId).click({ delay: PRESS_MS });
  return page.evaluate(() => window.listProbe!.take());
};

/** Sets a search field as a paste does and times the rows it changes. */
const timePaste = async (page: Page, testId: string, value: string): Promise<number> => {
  await page.evaluate((a) => window.listProbe!.arm(['row-change'], a), { testId, value });
  return (await page.evaluate(() => window.listProbe!.take()))[0] ?? Number.NaN;
};

/** Seeds the app's database with `rows` sales (seconds), before the first run. */
export const seedList = async (page: Page, host: BrowserHost, rows: number): Promise<number> => {
  await openBenchPage(page, host);
  return (await page.evaluate((n) => window.countersignBench!.seedApp(n), rows)) / 1000;
};

/** The figures, on a seeded database: first run, then the list. */
export const measureList = async (page: Page, host: BrowserHost): Promise<BenchRow[]> => {
  await firstRun(page, host);
  await installProbe(page);
  const rows: BenchRow[] = [];
  const [first = Number.NaN, search = Number.NaN] = await timeClick(page, 'nav-transactions', ['first-row', 'search-ready']);
  rows.push({ id: 'list.first-rows', name: 'first render of the list (click → first row painted)', value: first, unit: 'ms', target: 30 });
  rows.push({ id: 'list.search-fields', name: 'first render: search fields painted (drawn after the first rows)', value: search, unit: 'ms' });

  const filters: number[] = [];
  for (const f of ['unsigned', 'declined', 'all', 'reversed', 'all', 'declined', 'unsigned', 'all']) filters.push((await timeClick(page, `filter-${f}`, ['row-change']))[0] ?? Number.NaN);
  rows.push({ id: 'list.filter', name: `filter change → rows painted (median of ${filters.length})`, value: median(filters), unit: 'ms', target: 30 });
  rows.push({ id: 'list.filter.worst', name: `filter change → rows painted (worst of ${filters.length})`, value: Math.max(...filters), unit: 'ms', target: 100 });

  // Values the seeded data holds (see storage-bench.ts makeSale): a card's last 4 and one amount.
  const searches: number[] = [];
  const steps: Array<[testId: string, value: string]> = [
    ['search-last4', '4321'],
    ['search-last4', ''],
    ['search-amount', '2721.46'],
    ['search-amount', ''],
    ['search-last4', '1000'],
    ['search-last4', ''],
  ];
  for (const [testId, value] of steps) searches.push(await timePaste(page, testId, value));
  rows.push({ id: 'list.search', name: `search → rows painted (median of ${searches.length})`, value: median(searches), unit: 'ms', target: 100 });
  rows.push({ id: 'list.search.worst', name: `search → rows painted (worst of ${searches.length})`, value: Math.max(...searches), unit: 'ms', target: 100 });

  const { work, intervals } = await page.evaluate(() => window.listProbe!.scroll(300, 150));
  rows.push({ id: 'list.scroll-frame.p95', name: 'scroll frame time p95 (frame start → painted; 300 px a frame, 150 frames)', value: pct(work, 0.95), unit: 'ms', target: 16.7 });
  rows.push({ id: 'list.scroll-frame', name: 'scroll frame time median', value: median(work), unit: 'ms', target: 16.7 });
  // Frame starts are 16.7 ms apart at 60 Hz (±0.1 ms: the page's clock is coarsened).
  rows.push({ id: 'list.scroll-dropped', name: 'scroll frames dropped (frame start > 25 ms after the previous)', value: intervals.filter((f) => f > 25).length, unit: 'frames' });

  // Back to the list from the counter: the list mounts again (a new window, read from IndexedDB),
  // with the app's code already run once.
  const returns: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('nav-counter').click();
    await page.getByTestId('section-counter').waitFor();
    await page.waitForTimeout(300);
    returns.push((await timeClick(page, 'nav-transactions', ['first-row']))[0] ?? Number.NaN);
  }
  rows.push({ id: 'list.back-to-list', name: `back to the list (click → first row painted, median of ${returns.length})`, value: median(returns), unit: 'ms', target: 100 });
  return rows;
};

/** The live list with BENCH_LIST_ROWS (default 200,000) sales in IndexedDB, measured in Chromium. */
export default async function listBench(): Promise<BenchRow[]> {
  const rowsWanted = Number(process.env.BENCH_LIST_ROWS ?? 200_000);
  return withBrowserHost(async (page, host) => {
    const seedS = await seedList(page, host, rowsWanted);
    return [{ id: 'list.seed', name: `seed ${rowsWanted} sales (relaxed bulk import)`, value: seedS, unit: 's' }, ...(await measureList(page, host))];
  });
}
