import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/universal';
import { acquirerCsvGbk, bankCsvUtf8Bom, bankTabUtf16, unionPayFixedWidth } from './layouts';
import type { BankLine, FileHeader, SettlementLine } from './layouts';
import { BATCH_1, BATCH_2, bankLines, batch1File, batch2File } from './scenario';
import type { ConsoleLine, RungSale } from './scenario';

/**
 * `npx tsx test/settlement-files/generate.ts` writes test/fixtures/settlement/ from the
 * end-to-end scenario (scenario.ts), numbered as the training host numbers it: STANs from
 * 000001 in the order the test sends, RRN = batch + STAN, on 2026-11-23 from 10:00 Beijing time.
 * The files are committed; run this again only when a layout or the scenario changes.
 */
const OUT = join(import.meta.dirname, '..', 'fixtures', 'settlement');
const DAY_START = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Beijing
const HEADER: FileHeader = { shopName: '示例商店', merchantId: '898100000000001', settleDay: '2026-11-23' };

let stan = 0;
let clock = DAY_START;
const next = (batch: string, index: number, kind: ConsoleLine['kind'], amountFen: number, last4: string): ConsoleLine => {
  stan += 1;
  clock += 5 * 60_000;
  const trace = String(stan).padStart(6, '0');
  return { index, at: clock, kind, amountFen, terminal: '10000001', merchant: HEADER.merchantId, batch, trace, rrn: `${batch}${trace}`, auth: String((stan * 7919) % 1_000_000).padStart(6, '0'), last4 };
};

/** Rings a batch up as the e2e does: every sale first, then the voids and refunds. */
const ring = (batch: string, sales: readonly RungSale[]): ConsoleLine[] => {
  const lines: ConsoleLine[] = [];
  const charged = sales.map((s, i) => ({ s, line: next(batch, i, 'sale', s.amountFen, String(1000 + i * 111).slice(-4)) }));
  for (const { s, line } of charged) if (!s.declined) lines.push(line);
  for (const { s, line } of charged) {
    if (!s.then) continue;
    lines.push(next(batch, line.index, 'void' in s.then ? 'void' : 'refund', 'void' in s.then ? s.amountFen : s.then.refundFen, line.last4));
  }
  return lines;
};

const batch1 = batch1File(ring('000001', BATCH_1));
const batch2 = batch2File(ring('000002', BATCH_2));
const settleAt = Date.UTC(2026, 10, 24, 0, 30, 0);
const bank: BankLine[] = bankLines(batch1, settleAt);

const files: Record<string, Uint8Array> = {
  'unionpay-fixed-width.txt': unionPayFixedWidth(HEADER, batch1),
  'acquirer-gbk.csv': acquirerCsvGbk(HEADER, batch2),
  'bank-utf8-bom.csv': bankCsvUtf8Bom('6222 **** **** 5678', bank, 1_000_000),
};

const gbk = Buffer.from(files['acquirer-gbk.csv']!);
const gbkText = iconv.decode(gbk, 'gbk');
// UTF-16 big-endian without a BOM: found by its zero bytes.
files['acquirer-utf16be-nobom.csv'] = Uint8Array.from(Buffer.from(gbkText, 'utf16le').swap16());
files['bank-utf16le.txt'] = bankTabUtf16('6222 **** **** 5678', bank, 1_000_000);
// Cut in the middle of the 合 of the footer's 合计: two-byte GBK, one byte kept.
const footerAt = gbk.lastIndexOf(iconv.encode('合计', 'gbk'));
files['truncated-gbk.csv'] = Uint8Array.from(gbk.subarray(0, footerAt + 1));
// Cut in the middle of a data row (the download stopped): no footer, the last row short.
const lastRowAt = gbk.lastIndexOf(Buffer.from('\r\n2026-11-23'));
files['truncated-row.csv'] = Uint8Array.from(gbk.subarray(0, lastRowAt + 18));
// The footer says one more row than the file has: a row was deleted by hand.
const rows = gbkText.split('\r\n');
files['total-mismatch.csv'] = Uint8Array.from(iconv.encode(rows.filter((_, i) => i !== 5).join('\r\n'), 'gbk'));
// Amount and card columns swapped in the rows (a wrong column under the right headings).
files['wrong-column.csv'] = Uint8Array.from(
  Buffer.from(
    rows
      .map((line, i) => {
        if (i < 4 || !line.startsWith('2026')) return line;
        const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
        [cells[6], cells[8]] = [cells[8] ?? '', cells[6] ?? ''];
        return cells.slice(0, 12).join(',');
      })
      .join('\r\n'),
    'utf8',
  ),
);
// Text a spreadsheet would run: a hyperlink formula in the memo, @ in the counterparty.
files['formula-text.csv'] = bankCsvUtf8Bom('6222 **** **** 5678', [
  ...bank,
  { at: settleAt + 10_000_000, memo: '=HYPERLINK("http://example.invalid","退款")', incomeFen: 1_000, expenseFen: 0, counterparty: '@SUM(A1:A9)' },
  { at: settleAt + 10_100_000, memo: '+86 138 0000 0000 转账', incomeFen: 2_000, expenseFen: 0, counterparty: '-张三' },
], 1_000_000);
// Thousands separators, one of them misplaced (12,34.00).
files['thousands.csv'] = Uint8Array.from(
  Buffer.from(
    ['交易日期,交易时间,终端号,参考号,交易金额,手续费', '2026-11-23,10:05:00,10000001,000001000001,"1,234.56",7.41', '2026-11-23,10:10:00,10000001,000001000002,"12,34.00",0.74', '2026-11-23,10:15:00,10000001,000001000003,"1,000,000.00",6000.00', '2026-11-23,10:20:00,10000001,000001000004,999.99,6.00'].join('\n'),
    'utf8',
  ),
);

const xlsxRows = [
  ['账户交易明细', null, null, null, null, null],
  ['交易日期', '摘要', '收入金额', '支出金额', '余额', '对方户名'],
  ...bank.map((l, i) => [new Date(l.at + 8 * 3600_000), l.memo, l.incomeFen ? l.incomeFen / 100 : null, l.expenseFen ? l.expenseFen / 100 : null, (1_000_000 + bank.slice(0, i + 1).reduce((t, b) => t + b.incomeFen - b.expenseFen, 0)) / 100, l.counterparty]),
];
const xlsx = await writeXlsxFile(xlsxRows, { dateFormat: 'yyyy-mm-dd hh:mm:ss' }).toBlob();
files['bank-statement.xlsx'] = new Uint8Array(await xlsx.arrayBuffer());

mkdirSync(OUT, { recursive: true });
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(OUT, name), bytes);
writeFileSync(join(OUT, 'scenario.json'), `${JSON.stringify({ batch1, batch2, bank } satisfies { batch1: SettlementLine[]; batch2: SettlementLine[]; bank: BankLine[] }, null, 2)}\n`);
process.stdout.write(`wrote ${Object.keys(files).length} files to ${OUT}\n`);
