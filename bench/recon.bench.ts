import iconv from 'iconv-lite';
import { withBrowserHost } from './browser-session';
import type { BenchRow } from './run';

interface BenchWindow {
  reconBench?: {
    reconImport(url: string): Promise<{ ms: number; rows: number; peakMb: number; bytes: number }>;
    reconMatch(n: number): { ms: number; items: number; peakMb: number };
    eodReport(n: number, runs: number): Promise<{ medianMs: number; maxMs: number; totalRows: number; seedMs: number }>;
  };
}
declare const window: BenchWindow;

/** A 100,000-row acquirer settlement CSV in GBK, with title rows and a 合计 footer, as acquirers send it. */
const settlementCsv = (rows: number): Buffer => {
  const lines = ['商户对账单', '商户名称：示例商店,商户号：898100000000001', '交易日期,交易时间,终端号,商户号,批次号,流水号,卡号,交易类型,交易金额(元),手续费(元),结算金额(元),参考号'];
  let sum = 0;
  const t0 = Date.UTC(2026, 10, 1, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(t0 + i * 25_000 + 8 * 3_600_000).toISOString();
    const fen = 100 + ((i * 7919) % 500_000);
    const fee = Math.floor((fen * 60 + 5000) / 10_000);
    sum += fen;
    const yuan = (f: number): string => `${Math.floor(f / 100).toLocaleString('en-US')}.${String(f % 100).padStart(2, '0')}`;
    const q = (v: string): string => (v.includes(',') ? `"${v}"` : v);
    lines.push([at.slice(0, 10), at.slice(11, 19), '10000001', '898100000000001', String(1 + Math.floor(i / 5000)).padStart(6, '0'), String(i % 1_000_000).padStart(6, '0'), `6222 02** **** ${String(1000 + (i % 9000))}`, '消费', q(yuan(fen)), yuan(fee), q(yuan(fen - fee)), String(i).padStart(12, '0')].join(','));
  }
  lines.push(`合计,${rows}笔,,,,,,,"${Math.floor(sum / 100).toLocaleString('en-US')}.${String(sum % 100).padStart(2, '0')}",,,`);
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk');
};

/** recon.import-100k, recon.match-100k and eod.report, in Chromium through the browser host. */
export default async function reconBench(): Promise<BenchRow[]> {
  const rows = Number(process.env.BENCH_RECON_ROWS ?? 100_000);
  const sales = Number(process.env.BENCH_EOD_SALES ?? 200_000);
  const label = `${rows / 1000}k`;
  const file = settlementCsv(rows);
  return withBrowserHost(
    async (page, host) => {
      await page.route('**/bench-data/settlement.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body: file }));
      await page.goto(host.web.url); // the launch token for the sign-in cookie
      await page.goto(`${host.web.origin}/bench.html`);
      await page.waitForFunction(() => window.reconBench !== undefined);
      const out: BenchRow[] = [];
      const imp = await page.evaluate((url) => window.reconBench!.reconImport(url), `${host.web.origin}/bench-data/settlement.csv`);
      if (imp.rows !== rows) throw new Error(`imported ${imp.rows} of ${rows} rows`);
      out.push({ id: `recon.import-${label}`, name: `import ${label}-row GBK CSV (${(imp.bytes / 1_048_576).toFixed(1)} MB): parse + validate + store`, value: imp.ms / 1000, unit: 's', target: 3 });
      out.push({ id: `recon.import-${label}.peak-heap`, name: `import ${label}: peak JS heap above start`, value: imp.peakMb, unit: 'MB' });
      const m = await page.evaluate((n) => window.reconBench!.reconMatch(n), rows);
      out.push({ id: `recon.match-${label}`, name: `three-way match ${label} slips × ${label} settlement rows`, value: m.ms / 1000, unit: 's', target: 2 });
      out.push({ id: `recon.match-${label}.peak-heap`, name: `match ${label}: peak JS heap above start`, value: m.peakMb, unit: 'MB' });
      const r = await page.evaluate(([n, runs]) => window.reconBench!.eodReport(n, runs), [sales, 20] as const);
      out.push({ id: 'eod.report', name: `daily report from running totals at ${sales / 1000}k sales (median of 20)`, value: r.medianMs, unit: 'ms', target: 200 });
      out.push({ id: 'eod.report.max', name: `daily report at ${sales / 1000}k sales: slowest of 20`, value: r.maxMs, unit: 'ms' });
      return out;
    },
    {},
    ['--enable-precise-memory-info'],
  );
}
