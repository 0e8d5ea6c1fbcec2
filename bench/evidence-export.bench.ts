import type { Page } from '@playwright/test';
import type { BrowserHost } from '../electron/web-host/launch';
import { CounterPage } from '../test/e2e/pages/counter-page';
import { EvidencePage } from '../test/e2e/pages/evidence-page';
import { LoginPage } from '../test/e2e/pages/login-page';
import { TransactionsPage } from '../test/e2e/pages/transactions-page';
import { firstRun, openBenchPage, withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

/**
 * `evidence.one-sale`: the whole export of one sale as the manager does it, from the click on
 * 导出证据包 in the sale's detail to main's finished bundle arriving as a download (browser
 * host), with 200,000 earlier sales and their audit entries stored. The sale has a signature,
 * a reprint and its audit excerpt; each export also has main sign a checkpoint over the whole
 * log first. Median of warm runs (the first export loads the report font and warms the writer).
 */
interface EvidenceBenchWindow {
  countersignEvidenceBench?: { seedHistory(n: number): Promise<{ seedMs: number; entries: number }> };
  evidencePhases?: { arm(): void; marks(): Partial<Record<'writing' | 'finishing' | 'done', number>> };
}
declare const window: EvidenceBenchWindow;

const PIN = '482913';
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** In the page: when the export dialog first shows each phase, ms after the next click (the click event's own time). */
const installPhaseProbe = async (page: Page): Promise<void> => {
  // tsx (esbuild keepNames) wraps named functions in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(() => {
    let t0: number | null = null;
    let marks: Partial<Record<'writing' | 'finishing' | 'done', number>> = {};
    document.addEventListener('click', (e) => (t0 ??= e.timeStamp), { capture: true });
    new MutationObserver(() => {
      const phase = document.querySelector('[data-testid="evidence-dialog"]')?.getAttribute('data-phase');
      if (t0 !== null && (phase === 'writing' || phase === 'finishing' || phase === 'done')) marks[phase] ??= performance.now() - t0;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
    window.evidencePhases = {
      arm: () => {
        t0 = null;
        marks = {};
      },
      marks: () => marks,
    };
  });
};

const seed = async (page: Page, host: BrowserHost, rows: number): Promise<number> => {
  await openBenchPage(page, host);
  await page.waitForFunction(() => window.countersignEvidenceBench !== undefined);
  const seeded = await page.evaluate((n) => window.countersignEvidenceBench!.seedHistory(n), rows);
  return seeded.seedMs / 1000;
};

export default async function evidenceExportBench(): Promise<BenchRow[]> {
  const rowsWanted = Number(process.env.BENCH_EVIDENCE_ROWS ?? 200_000);
  const runs = Number(process.env.BENCH_EVIDENCE_RUNS ?? 5);
  return withBrowserHost(async (page, host) => {
    page.setDefaultTimeout(120_000);
    await firstRun(page, host, PIN);
    const seedS = await seed(page, host, rowsWanted);
    await page.goto(host.web.url);
    await new LoginPage(page).login('Bench', PIN);
    await page.getByTestId('operator-badge').waitFor();

    const counter = new CounterPage(page);
    await counter.approvedSale('12345');
    await counter.next();
    await counter.signAndConfirm();
    await counter.next();
    await page.getByTestId('nav-transactions').click();
    const list = new TransactionsPage(page);
    await list.open(0);
    await list.reprint('merchant');
    await page.locator('[data-testid="receipt-job"][data-reprint="1"]').waitFor();

    const evidence = new EvidencePage(page);
    await installPhaseProbe(page);
    const times: number[] = [];
    const phases: Record<'writing' | 'finishing' | 'done', number[]> = { writing: [], finishing: [], done: [] };
    for (let i = 0; i < runs + 1; i++) {
      const download = page.waitForEvent('download', { timeout: 120_000 });
      await page.evaluate(() => window.evidencePhases?.arm());
      const started = performance.now();
      await evidence.exportSaleButton().click();
      await download;
      const ms = performance.now() - started;
      const marks = await page.evaluate(() => window.evidencePhases?.marks() ?? {});
      if (i > 0) {
        times.push(ms);
        for (const key of ['writing', 'finishing', 'done'] as const) phases[key].push(marks[key] ?? Number.NaN);
      }
      await evidence.dialog().getByTestId('evidence-close').click();
      await evidence.dialog().waitFor({ state: 'hidden' });
    }
    return [
      { id: 'evidence.one-sale', name: `one sale (signature, reprint, audit excerpt) exported, click → bundle downloaded, ${rowsWanted.toLocaleString('en')} sales stored (median of ${times.length})`, value: median(times), unit: 'ms', target: 1000 },
      { id: 'evidence.one-sale.prepare', name: 'of which click → sales being sent (selection, checkpoint signed by main, export opened)', value: median(phases.writing), unit: 'ms' },
      {
        id: 'evidence.one-sale.sale',
        name: 'of which the sale read (records, proofs) and written by main',
        value: median(phases.finishing.map((f, i) => f - (phases.writing[i] ?? Number.NaN))),
        unit: 'ms',
      },
      { id: 'evidence.one-sale.finish', name: 'of which main finishing the bundle (reports, signature) until the dialog shows it', value: median(phases.done.map((d, i) => d - (phases.finishing[i] ?? Number.NaN))), unit: 'ms' },
      { id: 'evidence.one-sale.worst', name: `one-sale export, worst of ${times.length}`, value: Math.max(...times), unit: 'ms' },
      { id: 'evidence.one-sale.seed', name: `seeding ${rowsWanted.toLocaleString('en')} sales with two audit entries each (setup, not a target)`, value: seedS, unit: 's' },
    ];
  });
}
