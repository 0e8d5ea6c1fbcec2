import { formatFen } from '../money';

/**
 * Exports for the accountant: one table model written as CSV here and as XLSX in the renderer
 * (write-excel-file), both with spreadsheet-formula escaping (RULES 20, OWASP "CSV injection"):
 * text that starts with = + - @ or a tab / carriage return is prefixed with an apostrophe, so a
 * spreadsheet shows it instead of running it. Money is a number of yuan with two decimals,
 * written from integer fen (never through a float in CSV).
 */
export type Cell = { text: string } | { fen: number } | { int: number } | null;

export interface Sheet {
  name: string;
  header: string[];
  rows: Cell[][];
}

export const text = (v: string | null | undefined): Cell => (v === null || v === undefined ? null : { text: v });
export const money = (fen: number | null | undefined): Cell => (fen === null || fen === undefined ? null : { fen });
export const int = (n: number | null | undefined): Cell => (n === null || n === undefined ? null : { int: n });

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet must receive it to show it literally. */
export const escapeSpreadsheetText = (v: string): string => (FORMULA_START.test(v) ? `'${v}` : v);

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const csvCell = (c: Cell): string => {
  if (c === null) return '';
  if ('fen' in c) return formatFen(c.fen);
  if ('int' in c) return String(c.int);
  return csvField(escapeSpreadsheetText(c.text));
};

/** RFC 4180 CSV with CRLF and a UTF-8 BOM (Excel opens UTF-8 as GBK without one). */
export const toCsv = (sheet: Sheet): string => `\uFEFF${[sheet.header.map((h) => csvField(escapeSpreadsheetText(h))), ...sheet.rows.map((r) => r.map(csvCell))].map((r) => r.join(',')).join('\r\n')}\r\n`;
