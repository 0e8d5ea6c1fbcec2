/**
 * What can be wrong with an imported file, as stable codes the renderer translates (RULES 19).
 * A file-level problem stops the import before anything is read into rows; row problems are
 * listed per row and column on the preview. Errors block the import (all or nothing); warnings
 * are shown and the row is imported.
 */
export const FILE_PROBLEMS = [
  /** Nothing in the file (0 bytes, or only blank lines). */
  'empty-file',
  /** Bytes that are not text in any supported encoding (UTF-8, GBK/GB18030, UTF-16). */
  'undecodable',
  /** The file stops in the middle of a character: it was cut short while copying or downloading. */
  'truncated-character',
  /** Binary content (an image, a .xls from before 2007, a zip that is not a workbook). */
  'not-text',
  /** An .xlsx that cannot be opened (damaged, or password-protected). */
  'xlsx-unreadable',
  /** No row looks like column headings (交易日期, 金额, …). */
  'no-header',
  /** Headings found but no data rows under them. */
  'no-rows',
  /** The mapping lacks a column the import needs (date, and an amount or income/expense). */
  'mapping-incomplete',
  /** Larger than the import accepts (see MAX_IMPORT_BYTES). */
  'too-large',
  /** The file's own total row (合计) disagrees with its rows: rows are missing or changed. */
  'total-mismatch',
  /** Rows fall on a day that has been reconciled and locked. */
  'day-locked',
] as const;
export type FileProblemCode = (typeof FILE_PROBLEMS)[number];

export const ROW_PROBLEMS = [
  /** The row has fewer cells than the mapped columns (cut short). */
  'missing-cells',
  'amount-empty',
  /** Not a number (letters, two signs, …). */
  'amount-invalid',
  /** More than two decimals in yuan, or any decimals in fen. */
  'amount-decimals',
  /** Thousands separators in the wrong places (1,23.00). */
  'amount-thousands',
  /** Larger than any card payment (over 100 million yuan). */
  'amount-range',
  /** Both an income and an expense on one bank row. */
  'income-and-expense',
  /** Neither income nor expense on a bank row. */
  'no-amount',
  'date-empty',
  'date-invalid',
  'time-invalid',
  'fee-invalid',
  'net-invalid',
  /** Warning: amount − fee differs from the net the file states. */
  'net-mismatch',
  /** Warning: a transaction type the console does not know (imported as "other"). */
  'kind-unknown',
  /** Warning: text that a spreadsheet would run as a formula (= + - @); kept as text, escaped on export. */
  'formula-text',
  /** Warning: a full card number in the file; only the last four digits are kept. */
  'full-card-number',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEMS)[number];

export const WARNINGS: ReadonlySet<RowProblemCode> = new Set(['net-mismatch', 'kind-unknown', 'formula-text', 'full-card-number']);

export interface RowProblem {
  /** Line in the file (1-based; for a workbook, the sheet row). */
  row: number;
  /** The column heading as the file spells it; null when the whole row is meant. */
  column: string | null;
  code: RowProblemCode;
  severity: 'error' | 'warning';
  /** The offending text, cut to 40 characters, card numbers masked. */
  value: string | null;
}

/** A file the import refuses as a whole; `row` and `column` say where, when that is known. */
export class ImportFileError extends Error {
  constructor(
    readonly code: FileProblemCode,
    readonly row: number | null = null,
    readonly column: string | null = null,
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(`import refused: ${code}${row !== null ? ` at row ${row}` : ''}${column ? `, column ${column}` : ''}`);
    this.name = 'ImportFileError';
  }
}

/** Largest file the import reads (a busy shop's month of detail is a few MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
