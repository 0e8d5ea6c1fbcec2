import { formatRmb } from '../money';
import { label, labelLines } from './labels';
import { centre, escapeProperty, escapeText, left, pairLines, receiptColumns, ruleLine, wrapText } from './markup';
import { createRaster, encodeMonoPng, setPixel, toBase64 } from './mono-raster';
import type { ReceiptLanguage } from './receipt-input';
import { formatReceiptTime } from './receipt-time';
import type { TimeZone } from '../time-zone';
import { receiptHeader } from './build-receipt';

export interface TestPrintInput {
  shopName: string;
  printerName: string;
  paper: 58 | 80;
  dotsPerLine?: number;
  chinese: 'native' | 'raster';
  time: number;
  timeZone?: TimeZone;
  language?: ReceiptLanguage;
}

/**
 * A bar as wide as the printable line with end ticks: if either end is missing on paper, the
 * paper width or dots-per-line setting is wrong.
 */
const widthBar = (dots: number): string => {
  const bar = createRaster(dots, 24);
  for (let x = 0; x < dots; x++) for (const y of [11, 12]) setPixel(bar, x, y);
  for (let y = 0; y < 24; y++) for (let x = 0; x < 4; x++) [x, dots - 1 - x].forEach((px) => setPixel(bar, px, y));
  return `{image:${toBase64(encodeMonoPng(bar))}}`;
};

/** Column ruler `1234567890123…` exactly `columns` wide, with `<` and `>` at the ends. */
const ruler = (columns: number): string => {
  let text = '<';
  for (let i = 2; i < columns; i++) text += String(i % 10);
  return left(escapeText(`${text}>`));
};

/** The paper-width check: ruler, full-width bar and the profile it was printed with. */
export const buildPaperWidthCheck = (input: Pick<TestPrintInput, 'paper' | 'dotsPerLine' | 'language'>): string => {
  const columns = receiptColumns(input.paper, input.dotsPerLine);
  const dots = input.dotsPerLine ?? (input.paper === 58 ? 384 : 576);
  const lang = input.language ?? 'bilingual';
  return [
    receiptHeader(columns),
    ...labelLines('widthCheck', lang).flatMap((line) => wrapText(line, columns).map((part) => centre(escapeText(part)))),
    ruler(columns),
    widthBar(dots),
    ruler(columns),
    ...pairLines(label('testPaper', lang), `${input.paper} mm / ${dots} dots / ${columns} cols`, columns),
    '',
    '',
  ].join('\n');
};

/** The printer panel's test print: characters (GB18030 and the ￥ sign), styles, a QR code and the width check. */
export const buildTestReceipt = (input: TestPrintInput): string => {
  const columns = receiptColumns(input.paper, input.dotsPerLine);
  const lang = input.language ?? 'bilingual';
  const lines = [
    receiptHeader(columns),
    centre(`\`${escapeText(` ${label('testTitle', lang)} `)}\``),
    centre(`^^${escapeText(input.shopName)}`),
    ruleLine(columns),
    ...pairLines('Printer', input.printerName, columns),
    ...pairLines('Chinese', input.chinese, columns),
    ...pairLines('Time', formatReceiptTime(input.time, input.timeZone ?? 'Asia/Shanghai'), columns),
    ruleLine(columns),
    left(escapeText(`${label('testCharacters', lang)}:`)),
    left(escapeText('汉字 银联 签购单 重打印 补签 特征码')),
    left(escapeText(`${formatRmb(123456)} ABCxyz 0123456789`)),
    left(escapeText('|{}-=~_"`^\\ <&>')),
    left('"Bold" _Underline_ `Invert` ^Wide^ ^^Tall^^'),
    ruleLine(columns),
    centre(escapeText(label('testQr', lang))),
    `{code:${escapeProperty('COUNTERSIGN-TEST')};option:qrcode,4,m}`,
    '',
  ];
  return `${lines.join('\n')}\n${buildPaperWidthCheck(input).split('\n').slice(1).join('\n')}`;
};
