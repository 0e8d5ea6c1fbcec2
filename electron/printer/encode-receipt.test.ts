import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReceipt, getPixel, rasterizeStrokes, SAMPLE_STROKES, sampleReceiptInput } from '../../shared/domain/receipt';
import type { ReceiptInput } from '../../shared/domain/receipt';
import { receiptText } from './virtual/render-text';
import { EncodeError, encodeReceipt } from './encode-receipt';
import type { PrinterProfile } from './encode-receipt';
import { parseEscpos } from './escpos/escpos-parser';
import type { ImageBlock } from './escpos/page';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'escpos');
const profile = (paperWidth: 58 | 80, extra: Partial<PrinterProfile> = {}): PrinterProfile => ({
  paperWidth,
  dotsPerLine: paperWidth === 58 ? 384 : 576,
  chinese: 'native',
  cut: true,
  drawerPulse: false,
  ...extra,
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Exact bytes, compared with a stored fixture (UPDATE_ESCPOS_FIXTURES=1 rewrites them). */
const expectFixture = (name: string, bytes: Uint8Array): void => {
  const file = join(FIXTURES, `${name}.bin`);
  if (process.env.UPDATE_ESCPOS_FIXTURES === '1' || !existsSync(file)) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, bytes);
  }
  expect(hex(bytes)).toBe(hex(readFileSync(file)));
};

/** A refund's original sale (2026-10-30 10:00:00 Beijing time). */
const ORIGINAL = { time: Date.UTC(2026, 9, 30, 2, 0, 0), amountFen: 123456, batch: '000001', stan: '000099', authCode: '777888', rrn: '998877665544' };

/** `printed`: lines the decoded paper must show besides what every receipt shows. */
const cases: Array<{ name: string; input: ReceiptInput; paper: 58 | 80; printed?: RegExp[] }> = [
  { name: 'zh-58-merchant-signature-qr', paper: 58, input: sampleReceiptInput({ paper: 58, language: 'zh-CN' }) },
  { name: 'en-80-customer-qr', paper: 80, input: sampleReceiptInput({ paper: 80, language: 'en', shopName: 'Sample Shop', shopAddress: '1 Jianguo Rd', operator: 'Li', footer: 'Thank you', copy: 'customer' }) },
  {
    name: 'bilingual-80-merchant-reprint',
    paper: 80,
    input: sampleReceiptInput({ paper: 80, reprint: { n: 2, at: Date.UTC(2026, 10, 2, 1, 0, 0) } }),
    printed: [/重打印 REPRINT 2/, /原交易时间 ORIGINAL TIME\s+2026\/11\/01 14:03:22/, /重打印时间 REPRINTED AT\s+2026\/11\/02 09:00:00/],
  },
  { name: 'en-58-merchant-signature-qr', paper: 58, input: sampleReceiptInput({ paper: 58, language: 'en', shopName: 'Sample Shop', shopAddress: '', operator: 'Li', footer: '' }) },
  {
    name: 'bilingual-80-merchant-offline',
    paper: 80,
    input: sampleReceiptInput({ paper: 80, offline: true, authCode: null, rrn: null, batch: '000002', stan: '000045', qr: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }),
    printed: [/离线交易 OFFLINE SALE/, /凭证号 TRACE\s+000045/, /授权码 AUTH\s+上送后返回 AFTER UPLOAD/],
  },
  {
    name: 'zh-58-customer-refund-original',
    paper: 58,
    input: sampleReceiptInput({ paper: 58, language: 'zh-CN', copy: 'customer', saleType: 'refund', original: ORIGINAL }),
    printed: [/退货/, /原交易时间\s+2026\/10\/30 10:00:00/, /原凭证号\s+000099/, /原参考号\s+998877665544/, /原授权码\s+777888/],
  },
];

describe('encodeReceipt (native GB18030)', () => {
  it.each(cases)('$name: exact bytes that decode to the receipt', ({ name, input, paper, printed: lines = [] }) => {
    const encoded = encodeReceipt(buildReceipt(input), profile(paper));
    expectFixture(name, encoded.bytes);
    expect(encoded.byteCount).toBe(encoded.bytes.length);
    expect(encoded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(hex(encoded.bytes.subarray(0, 2))).toBe('1b40');

    const { receipts, statusQueries, transmitQueries } = parseEscpos(encoded.bytes, paper === 58 ? 384 : 576);
    expect(receipts).toHaveLength(1);
    const printed = receipts[0];
    if (!printed) throw new Error('nothing printed');
    expect(printed.unknown).toEqual([]);
    expect(printed.cut).toBe(true);
    expect(statusQueries).toEqual([]);
    expect(transmitQueries).toEqual([]);
    const text = receiptText(printed);
    expect(text).toContain('**** 1232');
    expect(text).toContain('\uFFE51234.56');
    expect(text).toContain('2026/11/01 14:03:22');
    expect(text).not.toContain('6212');
    for (const line of lines) expect(text).toMatch(line);

    // The QR code is Epson's GS ( k: model 2, module size, level M, store, print.
    const qr = printed.blocks.find((b): b is ImageBlock => b.kind === 'image' && b.source === 'GS ( k');
    expect(qr?.qr).toBe(input.qr);
    const cell = paper === 58 ? '04' : '05';
    expect(hex(encoded.bytes)).toContain(`1d286b040031413200` + `1d286b03003143${cell}` + '1d286b0300314531');
    expect(hex(encoded.bytes)).toContain('1d286b0300315130');

    // GB18030 in Chinese mode: FS & before the text, ￥ is A3 A4 (a refund's amount starts with an ASCII minus).
    expect(hex(encoded.bytes)).toContain(input.saleType === 'refund' ? '2da3a4' : '1c26a3a4');

    const signature = printed.blocks.find((b): b is ImageBlock => b.kind === 'image' && b.source === 'GS v 0');
    if (input.copy === 'customer') {
      expect(signature).toBeUndefined();
      return;
    }
    // The signature prints bit for bit as the strokes rasterise.
    const expected = rasterizeStrokes(SAMPLE_STROKES, { maxWidth: paper === 58 ? 360 : 480, maxHeight: paper === 58 ? 120 : 160, penRadius: 1 });
    if (!signature) throw new Error('no signature image');
    expect(signature.raster.height).toBe(expected.height);
    for (let y = 0; y < expected.height; y++) {
      for (let x = 0; x < signature.raster.width; x++) expect(getPixel(signature.raster, x, y)).toBe(getPixel(expected, x, y));
    }
  });

  it('prints a shop name with receiptline markup characters literally on paper', () => {
    const shopName = 'A|B {code:1} --- ^^^x';
    const encoded = encodeReceipt(buildReceipt(sampleReceiptInput({ shopName, copy: 'customer' })), profile(80));
    const printed = parseEscpos(encoded.bytes, 576).receipts[0];
    expect(printed && receiptText(printed)).toContain(shopName);
    expect(printed?.blocks.filter((b) => b.kind === 'image' && b.source === 'GS ( k')).toHaveLength(1);
  });

  it('adds the drawer pulse when the profile asks for it and leaves out the cut when it does not', () => {
    const markup = buildReceipt(sampleReceiptInput({ copy: 'customer' }));
    const withDrawer = parseEscpos(encodeReceipt(markup, profile(80, { drawerPulse: true })).bytes, 576).receipts[0];
    expect(withDrawer?.drawerPulses).toBe(1);
    const noCut = parseEscpos(encodeReceipt(markup, profile(80, { cut: false })).bytes, 576).receipts[0];
    expect(noCut?.cut).toBe(false);
  });

  it('refuses a receipt laid out wider than the printer line', () => {
    const markup = buildReceipt(sampleReceiptInput({ paper: 80 }));
    expect(() => encodeReceipt(markup, profile(58))).toThrow(EncodeError);
  });
});

describe('encodeReceipt (Chinese as raster)', () => {
  it('sends the whole receipt as GS v 0 images with no text and keeps the cut', () => {
    const markup = buildReceipt(sampleReceiptInput({ paper: 58 }));
    const encoded = encodeReceipt(markup, profile(58, { chinese: 'raster' }));
    const printed = parseEscpos(encoded.bytes, 384).receipts[0];
    if (!printed) throw new Error('nothing printed');
    expect(printed.blocks.every((b) => b.kind === 'image' && b.source === 'GS v 0')).toBe(true);
    expect(printed.cut).toBe(true);
    expect(printed.blocks.every((b) => b.kind === 'image' && b.raster.width === 384)).toBe(true);
    // Same height as the native print: the raster is drawn from the native bytes.
    const native = parseEscpos(encodeReceipt(markup, profile(58)).bytes, 384).receipts[0];
    expect(printed.height).toBe(native?.height);
  });
});
