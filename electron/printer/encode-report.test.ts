import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../shared/domain/receipt/markup';
import { buildReportDocument } from '../../shared/domain/receipt/report-document';
import type { ReportDocumentInput } from '../../shared/domain/receipt/report-document';
import type { ReportData } from '../../shared/domain/reports/report-data';
import { receiptText } from './virtual/render-text';
import { encodeReceipt } from './encode-receipt';
import { parseEscpos } from './escpos/escpos-parser';

/** The end-of-day documents go through the receipt pipeline: markup → ESC/POS → what the paper shows. */
const amount = (count: number, fen: number) => ({ count, fen });
const data = (over: Partial<ReportData> = {}): ReportData => ({
  kind: 'settlement',
  batch: '000001',
  day: null,
  operator: null,
  from: null,
  to: Date.UTC(2026, 10, 23, 10, 0, 0),
  lines: [
    { brand: 'unionpay', kind: 'sale', count: 5, fen: 99_935 },
    { brand: 'unionpay', kind: 'void', count: 1, fen: 25_600 },
    { brand: 'unionpay', kind: 'refund', count: 1, fen: 12_000 },
  ],
  debit: amount(5, 99_935),
  credit: amount(2, 37_600),
  netFen: 62_335,
  sales: amount(5, 99_935),
  voids: amount(1, 25_600),
  refunds: amount(1, 12_000),
  offlineForwarded: amount(1, 6_660),
  offlinePending: amount(0, 0),
  declined: amount(1, 4_505),
  unsigned: 1,
  notPrinted: null,
  openCases: null,
  byOperator: [],
  host: { outcome: 'uploaded', domestic: 'unbalanced', foreign: 'balanced', uploaded: 8, settleDate: '1123' },
  openAtClose: { offline: 0, unresolved: 0, unsigned: 1 },
  ...over,
});
const input = (d: ReportData, over: Partial<ReportDocumentInput> = {}): ReportDocumentInput => ({ data: d, shopName: '示例商店', merchantId: '898100000000001', terminalId: '10000001', paper: 80, language: 'bilingual', timeZone: 'Asia/Shanghai', printedAt: Date.UTC(2026, 10, 23, 10, 5), reprint: null, ...over });
const printed = (i: ReportDocumentInput): string[] => {
  const dots = i.paper === 58 ? 384 : 576;
  const { receipts } = parseEscpos(encodeReceipt(buildReportDocument(i), { paperWidth: i.paper, dotsPerLine: dots, chinese: 'native', cut: true, drawerPulse: false }).bytes, dots);
  expect(receipts).toHaveLength(1);
  return receiptText(receipts[0]!).split('\n');
};

describe('settlement slip, daily and shift reports on the receipt printer', () => {
  it('the settlement slip shows brand and type lines, totals, and the host’s verdict with the upload', () => {
    const text = printed(input(data())).join('\n');
    for (const expected of ['结算单 SETTLEMENT', '批次号 BATCH', '000001', '消费 SALE 5笔', '￥999.35', '撤销 VOID 1笔', '-￥256.00', '借记合计 DEBITS 5笔', '贷记合计 CREDITS 2笔', '-￥376.00', '净额 NET', '￥623.35', '对账不平 NOT BALANCED', '已批上送 UPLOADED', '2023/11/23'.replace('2023', '2026')]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('every printed line fits the paper, 58 mm and 80 mm', () => {
    for (const paper of [58, 80] as const) {
      for (const line of printed(input(data(), { paper }))) expect(displayWidth(line), line).toBeLessThanOrEqual(paper === 58 ? 32 : 48);
    }
  });

  it('a reprint is stamped REPRINT n at the top and the bottom', () => {
    const lines = printed(input(data(), { reprint: 2 })).filter((l) => l.includes('重打印 REPRINT 2'));
    expect(lines).toHaveLength(2);
  });

  it('the shift report names the operator literally (markup characters and card-like digits are not obeyed) and leaves a sign-off line', () => {
    const text = printed(input(data({ kind: 'shift', batch: null, day: '2026-11-23', operator: { id: 'op', name: 'Li |{cut}| 6222021234567890123' }, host: null, openAtClose: null, notPrinted: 2, openCases: 1, from: Date.UTC(2026, 10, 23, 1) }), { language: 'en' })).join('\n');
    expect(text).toContain('SHIFT REPORT');
    expect(text).toContain('Li |{cut}|');
    expect(text).not.toContain('6222021234567890123');
    expect(text).toContain('NOT PRINTED');
    expect(text).toContain('SIGNED OFF BY:');
  });

  it('the daily report lists each operator', () => {
    const text = printed(input(data({ kind: 'daily', batch: null, day: '2026-11-23', host: null, openAtClose: null, notPrinted: 0, openCases: 0, byOperator: [{ operatorId: 'a', name: '王芳', sales: amount(3, 30_000), voids: amount(0, 0), refunds: amount(1, 500) }] }), { language: 'zh-CN' })).join('\n');
    expect(text).toContain('日结报表');
    expect(text).toContain('按操作员');
    expect(text).toContain('王芳');
    expect(text).toContain('退货 1笔');
  });
});
