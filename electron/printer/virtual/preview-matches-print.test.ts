import { describe, expect, it } from 'vitest';
import { buildReceipt, buildTestReceipt, sampleReceiptInput } from '../../../shared/domain/receipt';
import type { ReceiptInput } from '../../../shared/domain/receipt';
import { encodeReceipt } from '../encode-receipt';
import { parseEscpos } from '../escpos/escpos-parser';
import { receiptPreviewSvg, svgTextLines } from '../receipt-preview';
import { receiptText, visibleTextLines } from './render-text';

const squash = (lines: string[]): string[] => lines.map((l) => l.replace(/[\s\u00a0]+/g, '')).filter((l) => l.length > 0);

const compare = (markup: string, paper: 58 | 80): void => {
  const dots = paper === 58 ? 384 : 576;
  const { svg } = receiptPreviewSvg(markup);
  const printed = parseEscpos(encodeReceipt(markup, { paperWidth: paper, dotsPerLine: dots, chinese: 'native', cut: true, drawerPulse: false }).bytes, dots).receipts[0];
  if (!printed) throw new Error('nothing printed');
  expect(squash(svgTextLines(svg))).toEqual(squash(visibleTextLines(receiptText(printed))));
};

describe('the SVG preview and the printed bytes show the same text', () => {
  const cases: Array<[string, ReceiptInput]> = [
    ['bilingual 80 mm merchant copy', sampleReceiptInput({ paper: 80 })],
    ['Chinese 58 mm reprint', sampleReceiptInput({ paper: 58, language: 'zh-CN', reprint: { n: 1, at: 0 } })],
    ['English 58 mm customer copy', sampleReceiptInput({ paper: 58, language: 'en', copy: 'customer', shopName: 'Shop | {x} ^^ `y`' })],
    ['supplementary signature', sampleReceiptInput({ copy: 'supplementary', supplementaryTime: 1 })],
  ];
  it.each(cases)('%s', (_name, input) => compare(buildReceipt(input), input.paper));

  it('the test print', () => compare(buildTestReceipt({ shopName: '示例商店', printerName: 'virtual', paper: 80, chinese: 'native', time: 0 }), 80));
});
