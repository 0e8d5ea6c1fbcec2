/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { firstRun, openBenchPage, withBrowserHost } from './browser-session';
import { seedList } from './list.bench';
import type { BenchRow } from './run';

/**
 * Dispute cases with 1,000 open cases over 200,000 sales in IndexedDB (Chromium): the cases screen's
 * first paint (click on its tab → first case row painted, timed inside the page from the click
 * event's own timestamp to the frame that shows the row) and one case's checklist computed.
 */
interface CasesBenchWindow {
  countersignCasesBench?: { seedCases(n: number, now: number): Promise<number>; checklist(runs: number): Promise<number[]> };
  casesProbe?: { arm(): void; take(): Promise<number> };
}
declare const window: CasesBenchWindow;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const worst = (xs: number[]): number => (xs.length ? Math.max(...xs) : Number.NaN);

const installProbe = async (page: Page): Promise<void> => {
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => {
    // A message posted from a frame's rAF callback is handled once that frame is painted.
    const afterPaint = (): Promise<void> =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      });
    let pending: Promise<number> = Promise.resolve(Number.NaN);
    window.casesProbe = {
      arm: () => {
        let t0: number | null = null;
        document.addEventListener('click', (e) => (t0 = e.timeStamp), { capture: true, once: true });
        pending = (async () => {
          const limit = performance.now() + 10_000;
          for (;;) {
            const shown = await new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(t0 !== null && document.querySelector('[data-testid="case-row"]') !== null)));
            if (shown) {
              await afterPaint();
              return performance.now() - t0!;
            }
            if (performance.now() > limit) return Number.NaN;
          }
        })();
      },
      take: () => pending,
    };
  });
};

const timeCasesTab = async (page: Page): Promise<number> => {
  await page.evaluate(() => window.casesProbe!.arm());
  await page.getByTestId('nav-cases').click({ delay: 80 });
  return page.evaluate(() => window.casesProbe!.take());
};

export default async function casesBench(): Promise<BenchRow[]> {
  const salesWanted = Number(process.env.BENCH_LIST_ROWS ?? 200_000);
  const casesWanted = Number(process.env.BENCH_CASES ?? 1_000);
  return withBrowserHost(async (page, host) => {
    const seedS = await seedList(page, host, salesWanted);
    await openBenchPage(page, host);
    await page.evaluate(([n, now]) => window.countersignCasesBench!.seedCases(n!, now!), [casesWanted, Date.now()]);
    const checklist = await page.evaluate(() => window.countersignCasesBench!.checklist(30));
    await firstRun(page, host);
    await installProbe(page);
    const first = await timeCasesTab(page);
    const returns: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('nav-counter').click();
      await page.waitForTimeout(300);
      returns.push(await timeCasesTab(page));
    }
    return [
      { id: 'cases.seed', name: `seed ${salesWanted} sales and ${casesWanted} open cases`, value: seedS, unit: 's' },
      { id: 'cases.list', name: `cases screen first paint with ${casesWanted} open cases (click → first row painted)`, value: first, unit: 'ms', target: 100 },
      { id: 'cases.list.again', name: 'cases screen again (median of 5)', value: median(returns), unit: 'ms', target: 100 },
      { id: 'cases.checklist', name: 'one case’s checklist computed from the records (median of 30)', value: median(checklist), unit: 'ms', target: 20 },
      { id: 'cases.checklist.worst', name: 'one case’s checklist (worst of 30)', value: worst(checklist), unit: 'ms' },
    ];
  });
}
