import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './run';
import { writeEvidenceBundle } from '../electron/evidence/bundle-writer';
import { loadReportFont } from '../electron/evidence/report-font';
import { openZipBundle } from '../shared/domain/evidence/bundle-reader';
import { verifyBundle } from '../shared/domain/evidence/verify-bundle';
import { sha256Hex } from '../shared/domain/hash';
import { openFileAccess } from '../electron/evidence/file-access';
import { ReportPdf } from '../electron/evidence/report-pdf';
import { reportView } from '../electron/evidence/report-view';
import { saleFiles } from '../electron/evidence/sale-files';
import { buildFixture } from '../test/evidence/bundle-fixture';
import { unzipBundle } from '../test/evidence/bundle-tamper';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

const MB = 1024 * 1024;

/**
 * Evidence bundles at the writer level (the figures with IndexedDB reads and IPC come with the
 * integration step):
 * - `evidence.pdf`: the Chinese report PDF of a one-sale bundle (signature, supplementary
 *   signature, reprint, case, attachment), rendered and written to a file (median of warm
 *   runs), and the larger of the two languages' sizes; the whole one-sale bundle for reference.
 * - `evidence.3000-sales`: a month of a busy shop in one bundle, written from a stream of 3,000
 *   sales (two receipts, a signature, host exchange and five audit entries each), with the
 *   process's peak resident memory sampled while it writes, and the verifier over the result.
 */
export default async function evidenceBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
  const font = loadReportFont(process.cwd());
  try {
    const one = buildFixture({ sales: 1 });
    const oneMs: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      await writeEvidenceBundle(join(dir, 'one.zip'), one.source(), { signer: one.signer, font });
      if (i >= 2) oneMs.push(performance.now() - t);
    }
    const files = await unzipBundle(new Uint8Array(readFileSync(join(dir, 'one.zip'))));
    const pdfBytes = Math.max((files.get('data/report.zh-CN.pdf') ?? new Uint8Array()).length, (files.get('data/report.en.pdf') ?? new Uint8Array()).length);
    const pdfMs: number[] = [];
    const item = one.items[0];
    if (!item) throw new Error('no fixture sale');
    const header = one.source().header;
    const treeSize = one.log.entries.length;
    const view = reportView(item, saleFiles(item, new Map()), 1, header.checkpoint, { deviceId: header.deviceId, publicKey: one.signer.publicKey });
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      const pdf = new ReportPdf('zh-CN', join(dir, 'one.pdf'), font, header, [], 'data/report.zh-CN.pdf', treeSize);
      pdf.addSale(view);
      await pdf.finish({ keyFingerprint: sha256Hex(one.signer.publicKey), sales: 1, checkpointSize: treeSize });
      if (i >= 2) pdfMs.push(performance.now() - t);
    }

    const many = buildFixture({ sales: 3000, reuseReceipts: true, caseId: null });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const t = performance.now();
    const written = await writeEvidenceBundle(join(dir, 'month.zip'), many.source(), { signer: many.signer, font });
    const writeMs = performance.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const size = statSync(join(dir, 'month.zip')).size;
    const v = performance.now();
    const file = await openFileAccess(join(dir, 'month.zip'));
    const report = await verifyBundle(await openZipBundle(file)).finally(() => file.close());
    const verifyMs = performance.now() - v;
    if (!report.ok) throw new Error(`the 3000-sale bundle does not verify: ${report.failures[0]?.message ?? ''}`);
    return [
      { id: 'evidence.pdf', name: 'pdf: one-sale report, render + write (median)', value: median(pdfMs), unit: 'ms', target: 150 },
      { id: 'evidence.pdf.size', name: 'pdf: one-sale report, size (larger language)', value: pdfBytes / 1024, unit: 'KB', target: 300 },
      { id: 'evidence.one-sale.writer', name: 'one-sale bundle, writer only, both reports (median)', value: median(oneMs), unit: 'ms' },
      { id: 'evidence.3000-sales', name: '3000-sales: write (writer only)', value: writeMs / 1000, unit: 's', target: 60 },
      { id: 'evidence.3000-sales.peak-rss', name: '3000-sales: peak RSS while writing', value: peak / MB, unit: 'MB', target: 300 },
      { id: 'evidence.3000-sales.rss-growth', name: '3000-sales: RSS growth while writing', value: (peak - baseline) / MB, unit: 'MB' },
      { id: 'evidence.3000-sales.size', name: '3000-sales: bundle size', value: size / MB, unit: 'MB' },
      { id: 'evidence.3000-sales.files', name: '3000-sales: files', value: written.files, unit: '' },
      { id: 'evidence.3000-sales.verify', name: '3000-sales: verify (streamed from the file)', value: verifyMs / 1000, unit: 's' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
