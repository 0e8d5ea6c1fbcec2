import { formatRmb } from '../money';
import { redactCardData } from '../redact';
import { brandName, entryModeName, label, labelLines } from './labels';
import type { LabelKey } from './labels';
import { centre, displayWidth, escapeProperty, escapeText, left, pairLines, receiptColumns, right, ruleLine, wrapText } from './markup';
import { encodeMonoPng, fromBase64, pngSize, rasterizeStrokes, toBase64 } from './mono-raster';
import { ReceiptInput, ReceiptInputError } from './receipt-input';
import type { OriginalSale, ParsedReceiptInput, ReceiptLanguage } from './receipt-input';
import { formatReceiptTime } from './receipt-time';

/** First line of every receipt the console builds: the encoder reads the columns from it. */
export const RECEIPT_HEADER_PREFIX = '{comment:countersign-receipt v1 cols=';

export const receiptHeader = (columns: number): string => `${RECEIPT_HEADER_PREFIX}${columns}}`;

/** Columns a document was laid out for, from its header; null for markup written elsewhere. */
export const columnsOfMarkup = (markup: string): number | null => {
  const match = /^\{comment:countersign-receipt v1 cols=(\d{2})\}/.exec(markup);
  return match ? Number(match[1]) : null;
};

/** Free text from the shop or an operator: escaped, and never a PAN-like digit run (RULES 1, 20). */
const free = (text: string): string => escapeText(redactCardData(text));

/** Free text word-wrapped to the paper, one markup line per printed line. */
const paragraph = (text: string, columns: number, align: (escaped: string) => string): string[] =>
  wrapText(redactCardData(text), columns).map((line) => align(escapeText(line)));

interface Layout {
  columns: number;
  dots: number;
  language: ReceiptLanguage;
  lines: string[];
}

const pair = (l: Layout, key: LabelKey, value: string | null): void => {
  l.lines.push(...pairLines(label(key, l.language), value && value.length > 0 ? value : '\u2014', l.columns));
};

/** Centred text in double height, or 2x when it fits at double width. */
const headline = (text: string, columns: number): string => (displayWidth(text) * 2 <= columns ? centre(`^^^${free(text)}`) : centre(`^^${free(text)}`));

const banner = (text: string): string => centre(`\`${escapeText(` ${text} `)}\``);

const signatureImage = (input: ParsedReceiptInput, l: Layout): string | null => {
  const sig = input.signature;
  if (sig.kind === 'strokes') {
    const raster = rasterizeStrokes(sig.strokes, { maxWidth: Math.min(l.dots - 24, 480), maxHeight: l.columns <= 32 ? 120 : 160, penRadius: 1 });
    return toBase64(encodeMonoPng(raster));
  }
  if (sig.kind === 'png') {
    const base64 = sig.dataUrl.slice(sig.dataUrl.indexOf(',') + 1);
    const size = pngSize(fromBase64(base64.slice(0, 64)));
    if (!size) throw new ReceiptInputError('signature-not-png', 'signature.dataUrl');
    if (size.width > l.dots) throw new ReceiptInputError('signature-too-wide', 'signature.dataUrl');
    return base64;
  }
  return null;
};

const signatureBlock = (input: ParsedReceiptInput, l: Layout): void => {
  const sig = input.signature;
  if (sig.kind === 'pin') {
    l.lines.push(left(escapeText(label('pinVerified', l.language))));
    return;
  }
  if (sig.kind === 'exempt') {
    l.lines.push(...paragraph(`${label('exempt', l.language)}: ${sig.reason}`, l.columns, left));
    return;
  }
  l.lines.push(left(`${escapeText(label('signature', l.language))}:`));
  const image = signatureImage(input, l);
  if (image) l.lines.push(`{image:${image}}`);
  else l.lines.push('', '', left('\\_'.repeat(l.columns)));
  for (const statement of labelLines('agreement', l.language)) l.lines.push(...paragraph(statement, l.columns, left));
};

/** A void or refund cites the sale it reverses, as the host knows it (date, trace, RRN, auth, amount). */
const originalBlock = (o: OriginalSale, l: Layout, time: (ms: number) => string): void => {
  l.lines.push(ruleLine(l.columns), left(`"${escapeText(label('originalSale', l.language))}"`));
  pair(l, 'originalTime', time(o.time));
  pair(l, 'originalBatch', o.batch);
  pair(l, 'originalStan', o.stan);
  pair(l, 'originalAuth', o.authCode);
  pair(l, 'originalRrn', o.rrn);
  pair(l, 'originalAmount', formatRmb(o.amountFen));
};

const copyBanner = (input: ParsedReceiptInput, language: ReceiptLanguage): string => {
  switch (input.copy) {
    case 'merchant':
      return centre(`"${escapeText(label('merchantCopy', language))}"`);
    case 'customer':
      return centre(`"${escapeText(label('customerCopy', language))}"`);
    case 'supplementary':
      return banner(label('supplementaryCopy', language));
    case 'test':
      return banner(label('testCopy', language));
  }
};

const parse = (input: ReceiptInput): ParsedReceiptInput => {
  const parsed = ReceiptInput.safeParse(input);
  if (!parsed.success) throw new ReceiptInputError('invalid-input', parsed.error.issues[0]?.path.map(String).join('.') ?? '(input)');
  return parsed.data;
};

/**
 * A sale's receipt as receiptline markup: one source for the ESC/POS bytes (main) and the
 * SVG preview (renderer). Pure and deterministic: the same input gives the same markup.
 * Throws `ReceiptInputError` for input it cannot print.
 */
export const buildReceipt = (raw: ReceiptInput): string => {
  const input = parse(raw);
  const columns = receiptColumns(input.paper, input.dotsPerLine);
  const dots = input.dotsPerLine ?? (input.paper === 58 ? 384 : 576);
  const l: Layout = { columns, dots, language: input.language, lines: [receiptHeader(columns)] };
  const lang = input.language;
  const time = (ms: number): string => formatReceiptTime(ms, input.timeZone);

  if (input.copy === 'test') l.lines.push(banner(label('testCopy', lang)));
  l.lines.push(headline(input.shopName, columns));
  l.lines.push(...paragraph(input.shopAddress, columns, centre));
  l.lines.push(centre(escapeText(label('slipTitle', lang))));
  l.lines.push(copyBanner(input, lang));
  if (input.reprint) l.lines.push(banner(`${label('reprint', lang)} ${input.reprint.n}`));
  if (input.offline) l.lines.push(banner(label('offline', lang)));
  l.lines.push(ruleLine(columns));
  pair(l, 'merchantId', input.merchantId);
  pair(l, 'terminalId', input.terminalId);
  l.lines.push(...pairLines(label('operator', lang), redactCardData(input.operator) || '\u2014', columns));
  l.lines.push(ruleLine(columns));
  pair(l, 'brand', brandName(input.brand, lang));
  pair(l, 'cardNo', `**** ${input.last4}`);
  pair(l, 'entryMode', entryModeName(input.entryMode, lang));
  pair(l, 'saleType', label(input.saleType, lang));
  pair(l, 'batch', input.batch);
  pair(l, 'stan', input.stan);
  // An offline sale has no host answer yet: say when it comes rather than print a dash.
  const pending = input.offline ? label('afterUpload', lang) : null;
  pair(l, 'authCode', input.authCode ?? pending);
  pair(l, 'rrn', input.rrn ?? pending);
  if (input.reprint) {
    pair(l, 'originalTime', time(input.time));
    pair(l, 'reprintTime', time(input.reprint.at));
  } else {
    pair(l, 'time', time(input.time));
  }
  if (input.copy === 'supplementary' && input.supplementaryTime !== null) pair(l, 'supplementaryTime', time(input.supplementaryTime));
  if (input.offline) for (const statement of labelLines('offlineNote', lang)) l.lines.push(...paragraph(statement, columns, left));
  if (input.original) originalBlock(input.original, l, time);
  l.lines.push(ruleLine(columns));
  const amount = `${input.saleType === 'sale' ? '' : '-'}${formatRmb(input.amountFen)}`;
  l.lines.push(left(`"${escapeText(label('amount', lang))}"`));
  l.lines.push(right(displayWidth(amount) * 2 <= columns ? `^^^${escapeText(amount)}` : `^^${escapeText(amount)}`));
  l.lines.push(ruleLine(columns));
  if (input.copy !== 'customer') signatureBlock(input, l);
  pair(l, 'featureCode', input.featureCode);
  if (input.qr && input.qr.length > 0) {
    l.lines.push(centre(escapeText(label('reference', lang))));
    l.lines.push(`{code:${escapeProperty(input.qr)};option:qrcode,${columns <= 32 ? 4 : 5},m}`);
    if (displayWidth(input.qr) <= columns) l.lines.push(centre(escapeText(input.qr)));
  }
  if (input.footer.trim().length > 0) l.lines.push(ruleLine(columns), ...paragraph(input.footer, columns, centre));
  if (input.reprint) l.lines.push(banner(`${label('reprint', lang)} ${input.reprint.n}`));
  if (input.copy === 'test') l.lines.push(banner(label('testCopy', lang)));
  l.lines.push('', '');
  return `${l.lines.join('\n')}\n`;
};

export { receiptColumns };
