import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText } from '../../shared/domain/evidence/pdf-text';
import type { EvidenceSaleInput } from '../../shared/domain/evidence/source';
import { sha256Hex } from '../../shared/domain/hash';
import { featureCode } from '../../shared/domain/sale/digest';
import { writeEvidenceBundle } from '../../electron/evidence/bundle-writer';
import { loadReportFont } from '../../electron/evidence/report-font';
import { buildFixture } from './bundle-fixture';
import { unzipBundle } from './bundle-tamper';

/**
 * The report PDFs of a one-sale bundle (a signature, a supplementary signature, a reprint, a
 * case, an attachment): 1-3 pages, at most 300 KB, text extractable in both languages (our
 * extractor, which the card scan uses, and poppler's pdftotext, which a bank would use).
 */
const dir = mkdtempSync(join(tmpdir(), 'evidence-report-'));
const pdfs: Record<string, Uint8Array> = {};
let fingerprint = '';
let item: EvidenceSaleInput;
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0;

beforeAll(async () => {
  const fixture = buildFixture({ sales: 1 });
  item = fixture.items[0] as EvidenceSaleInput;
  fingerprint = sha256Hex(fixture.signer.publicKey);
  await writeEvidenceBundle(join(dir, 'b.zip'), fixture.source(), { signer: fixture.signer, font: loadReportFont(process.cwd()) });
  const files = await unzipBundle(new Uint8Array(readFileSync(join(dir, 'b.zip'))));
  for (const lang of ['zh-CN', 'en']) pdfs[lang] = files.get(`data/report.${lang}.pdf`) as Uint8Array;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdftotext = (bytes: Uint8Array): string => {
  const file = join(dir, `${sha256Hex(bytes).slice(0, 8)}.pdf`);
  writeFileSync(file, bytes);
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
};

describe('the one-sale report PDF', () => {
  it('fits on 1-3 pages and in 300 KB, in each language', () => {
    for (const lang of ['zh-CN', 'en']) {
      const bytes = pdfs[lang] as Uint8Array;
      expect(bytes.length).toBeLessThanOrEqual(300 * 1024);
      const pages = extractPdfText(bytes).length;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(3);
    }
  });

  it('has the facts, the host’s answer, the signatures with feature code and verification, and the verify page', () => {
    const zh = extractPdfText(pdfs['zh-CN'] as Uint8Array).join('\n');
    const sig = item.signatures[0];
    const code = featureCode(sig?.digest ?? '');
    for (const text of ['交易证据报告', '示例商店 Sample Shop', '商户编号: 898100000000001', '621234******1232', '应答码 00：交易成功。', `特征码: ${code}`, '校验：签名与交易一致', '补签', '重打印 1', '交易失败但已扣款', '如何核验本证据包', fingerprint.slice(0, 8)]) {
      expect(zh).toContain(text);
    }
    const en = extractPdfText(pdfs.en as Uint8Array).join('\n');
    for (const text of ['Transaction evidence report', 'Response 00: Approved.', `Feature code: ${code}`, 'Supplementary signature', 'REPRINT 1', 'How to verify this bundle', 'Audit log excerpt']) expect(en).toContain(text);
  });

  it('cleans shop text of invisible reordering characters (RULES 20)', () => {
    const zh = extractPdfText(pdfs['zh-CN'] as Uint8Array).join('\n');
    expect(item.sale.note).toContain('\u202e');
    expect(zh).toContain('顾客说没有收到短信');
    expect(zh).not.toContain('\u202e');
  });

  it.skipIf(!hasPdftotext)('gives its Chinese and English text to pdftotext', () => {
    const zh = pdftotext(pdfs['zh-CN'] as Uint8Array);
    expect(zh).toContain('交易证据报告');
    expect(zh).toContain('如何核验本证据包');
    expect(zh).toContain('持卡人签名');
    expect(pdftotext(pdfs.en as Uint8Array)).toContain('How to verify this bundle');
  });
});
