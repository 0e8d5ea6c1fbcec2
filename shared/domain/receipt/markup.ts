/**
 * Helpers for receiptline markup (https://github.com/receiptline/receiptline, "Grammar").
 * Everything the console did not write itself — shop name, address, footer, operator name,
 * exemption reasons — goes through `escapeText` so it prints literally (RULES 20).
 */

/** Characters with a meaning in receiptline text: escape, columns, properties, rules, cut, space, decoration, size. */
const TEXT_SPECIALS = /[\\|{}\-=~_"`^]/g;
/** Characters with a meaning in a property value (`{code:...}`). */
const PROPERTY_SPECIALS = /[\\|{};]/g;
/** C0 controls, DEL and Unicode line separators (built from code points: no control characters in the source). */
const CONTROL_OR_BREAK = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}\u2028\u2029]`, 'g');

/**
 * Plain text → receiptline text that prints exactly that text. Line breaks and other control
 * characters become spaces (a line break would start a new markup line, so a shop name could
 * otherwise inject a property or a paper cut).
 */
export const escapeText = (text: string): string =>
  text
    .normalize('NFC')
    .replace(CONTROL_OR_BREAK, ' ')
    .replace(TEXT_SPECIALS, (c) => `\\${c}`);

/** Plain text → a receiptline property value (e.g. QR data) that carries exactly that text. */
export const escapeProperty = (text: string): string =>
  text
    .normalize('NFC')
    .replace(CONTROL_OR_BREAK, ' ')
    .replace(PROPERTY_SPECIALS, (c) => `\\${c}`)
    .trim();

/**
 * Columns a string takes on the printer, as receiptline measures it for GB18030: ASCII and
 * no-break space are one column (12 dots), everything else is two (24 dots).
 */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const c of text.normalize('NFC')) {
    const code = c.codePointAt(0) ?? 0;
    width += code < 0x80 || code === 0xa0 ? 1 : 2;
  }
  return width;
};

/** Characters per line for a paper width and the printer's dots per line (Font A is 12 dots wide). */
export const receiptColumns = (paperWidth: 58 | 80, dotsPerLine?: number): number => {
  const paper = paperWidth === 58 ? 32 : 48;
  const dots = dotsPerLine ?? (paperWidth === 58 ? 384 : 576);
  return Math.max(16, Math.min(paper, Math.floor(dots / 12)));
};

/** One line, left-aligned (receiptline: a leading pipe attracts the column to the left). */
export const left = (escaped: string): string => `|${escaped}`;
/** One line, right-aligned. */
export const right = (escaped: string): string => `| ${escaped}`;
/** One line, centred. */
export const centre = (escaped: string): string => escaped;

/**
 * A label and a value on one line, the value flush right, when both fit in `columns`;
 * otherwise the label on one line and the value right-aligned on the next. Inputs are plain
 * text; the result is markup.
 */
export const pairLines = (label: string, value: string, columns: number): string[] => {
  const gap = columns - displayWidth(label) - displayWidth(value);
  if (gap >= 1) return [left(`${escapeText(label)}${' '.repeat(gap)}${escapeText(value)}`)];
  return [left(escapeText(label)), right(escapeText(value))];
};

/** A full-width rule drawn with plain hyphens, so it prints the same on every code page. */
export const ruleLine = (columns: number): string => left('\\-'.repeat(columns));

/**
 * Greedy word wrap by display width: Latin words stay whole (split only when longer than a
 * line), CJK characters break anywhere. Inputs and outputs are plain text.
 */
export const wrapText = (text: string, columns: number): string[] => {
  const tokens = text.normalize('NFC').replace(/\s+/g, ' ').trim().match(/[\x21-\x7e]+|\s|[^\s\x21-\x7e]/g) ?? [];
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    if (line.trim().length > 0) lines.push(line.trim());
    line = '';
  };
  for (const token of tokens) {
    if (displayWidth(line) + displayWidth(token) <= columns) {
      line += token;
      continue;
    }
    if (token === ' ') {
      push();
      continue;
    }
    push();
    let rest = token;
    while (displayWidth(rest) > columns) {
      lines.push(rest.slice(0, columns));
      rest = rest.slice(columns);
    }
    line = rest;
  }
  push();
  return lines;
};

/**
 * receiptline options shared by the ESC/POS encoder (main) and the SVG preview (renderer), so
 * both lay the document out identically: GB18030, line spacing on (ESC 2 on paper, 30 px on
 * screen), images thresholded rather than dithered (signatures are line art).
 */
export const receiptlineOptions = (columns: number): { cpl: number; encoding: 'gb18030'; spacing: true; gradient: false; upsideDown: false } => ({
  cpl: columns,
  encoding: 'gb18030',
  spacing: true,
  gradient: false,
  upsideDown: false,
});
