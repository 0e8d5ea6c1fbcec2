import { firstRun, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  countersignBench?: { seedApp(n: number): Promise<number> };
}
declare const window: BenchWindow;

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

/**
 * The counter's own time from card summary to approval shown at zero host latency, with
 * 200,000 sales in IndexedDB (the list's figures are in list.bench.ts).
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
