import type { SourceRow } from './source-rows';

/**
 * Delimited text (CSV and its relatives: tab, semicolon, pipe), RFC 4180 quoting: a quoted cell
 * may hold the delimiter, doubled quotes and line breaks. A row's line is where it starts.
 */
export type Delimiter = ',' | '\t' | ';' | '|';
const DELIMITERS: readonly Delimiter[] = [',', '\t', ';', '|'];

/** The delimiter used consistently on the first lines, or null when none is (fixed-width text). */
export const detectDelimiter = (text: string): Delimiter | null => {
  const lines = text.split(/\r\n|\n|\r/, 40).filter((l) => l.trim().length > 0);
  let best: { d: Delimiter; score: number } | null = null;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const withIt = counts.filter((c) => c > 0);
    if (withIt.length < Math.max(2, lines.length * 0.5)) continue;
    // The most common count among lines that have any (data rows share one count).
    const freq = new Map<number, number>();
    for (const c of withIt) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [, modeLines] = [...freq].reduce((a, b) => (b[1] > a[1] ? b : a));
    const score = modeLines * 100 + withIt.length;
    if (!best || score > best.score) best = { d, score };
  }
  return best?.d ?? null;
};

const countOutsideQuotes = (line: string, d: string): number => {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
};

/** Splits delimited text into rows; blank lines are dropped (their line numbers are not reused). */
export const parseDelimited = (text: string, delimiter: Delimiter): SourceRow[] => {
  const rows: SourceRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let ended = false;
    while (i < n && !ended) {
      const c = text[i] as string;
      if (c === '"' && cell.trim() === '') {
        // Quoted cell: read to the closing quote, keeping doubled quotes and line breaks.
        cell = '';
        i++;
        while (i < n) {
          const q = text[i] as string;
          if (q === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q === '\n') line++;
          cell += q;
          i++;
        }
        // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') cell += text[i++] as string;
        continue;
      }
      if (c === delimiter) {
        cells.push(cell);
        cell = '';
        i++;
      } else if (c === '\n' || c === '\r') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        // An unquoted run: one slice rather than a character at a time (100k-row files).
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 10 || d === 13 || d === 34 || text[j] === delimiter) break;
          j++;
        }
        cell += text.slice(i, j);
        i = j;
      }
    }
    cells.push(cell);
    if (cells.some((x) => x.trim().length > 0)) rows.push({ line: start, cells });
  }
  return rows;
};
