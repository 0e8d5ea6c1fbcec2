import { displayWidth } from '../receipt/markup';
import { findHeader, isTotalRow } from './table';
import type { SourceRow } from './source-rows';

/**
 * Fixed-width text (the UnionPay-style merchant file, bank "print to file" statements): columns
 * line up by position. Positions are display columns, where a Chinese character takes two, as it
 * takes two bytes in GBK, the encoding these files are laid out in. Columns are found from the
 * data itself: a position that is blank on the header and on every data line separates columns.
 */

/** A line as one string per display column (a wide character fills its second column with ''). */
const toColumns = (line: string): string[] => {
  const out: string[] = [];
  for (const ch of line.replace(/\t/g, '    ')) {
    out.push(ch);
    if (displayWidth(ch) === 2) out.push('');
  }
  return out;
};

/** Lines split on runs of two or more spaces, for finding the header before columns are known. */
const roughRows = (lines: readonly string[]): SourceRow[] =>
  lines.map((text, i) => ({ line: i + 1, cells: text.trim().split(/\s{2,}|\s(?=\S*[:：])/) })).filter((r) => r.cells.some((c) => c.length > 0));

export const parseFixedWidth = (text: string): SourceRow[] => {
  const lines = text.split(/\r\n|\n|\r/);
  const rough = roughRows(lines);
  const headerLine = (rough[findHeader(rough)] as SourceRow).line;
  const body = lines.map((l, i) => ({ line: i + 1, cols: toColumns(l) })).filter((l) => l.line >= headerLine && l.cols.some((c) => c.trim().length > 0));
  const headerCells = (rough.find((r) => r.line === headerLine) as SourceRow).cells.length;
  const roughCount = new Map(rough.map((r) => [r.line, r.cells.length]));
  // Columns come from the header and the lines shaped like it; totals and notes (制表人：…) do not line up.
  const data = body.filter((l) => l.line === headerLine || (!isTotalRow([l.cols.join('')]) && (roughCount.get(l.line) ?? 0) >= Math.max(3, Math.ceil(headerCells / 2))));
  const width = Math.max(...data.map((l) => l.cols.length));
  // A position is a gap when every line is blank (or already ended) there.
  const gap = Array.from({ length: width }, (_, x) => data.every((l) => (l.cols[x] ?? ' ').trim() === '' && l.cols[x] !== ''));
  const ranges: Array<[number, number]> = [];
  for (let x = 0; x < width; x++) {
    if (gap[x]) continue;
    const start = x;
    while (x < width && !gap[x]) x++;
    ranges.push([start, x]);
  }
  const slice = (cols: readonly string[]): string[] => ranges.map(([a, b]) => cols.slice(a, b).join('').trim());
  const above = lines.slice(0, headerLine - 1).map((text, i) => ({ line: i + 1, cells: [text.trim()] })).filter((r) => r.cells[0] !== '');
  // Total and note lines keep their text as one cell after the first, so `isTotalRow` and the total check still read them.
  const rest = body.map((l) => (isTotalRow([l.cols.join('')]) && l.line !== headerLine ? { line: l.line, cells: [l.cols.join('').trim()] } : { line: l.line, cells: slice(l.cols) }));
  return [...above, ...rest];
};
