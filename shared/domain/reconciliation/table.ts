import { headingScore } from './fields';
import { nfkc } from './values';
import { ImportFileError } from './problems';
import type { SourceRow } from './source-rows';

/**
 * A file's rows split into what they are: title rows above the headings (商户对账单, the
 * merchant name, the period), the header row, data rows, total rows (合计 / 总计 / Total) and
 * notes below (制表人, 打印时间). Only data rows become imported rows; a total row is kept so
 * the import can check the file against its own total.
 */
export interface Table {
  header: SourceRow;
  titleRows: SourceRow[];
  dataRows: SourceRow[];
  totalRows: SourceRow[];
  noteRows: SourceRow[];
}

const TOTAL = /^(合\s*计|总\s*计|小\s*计|本页合计|本页小计|累\s*计|汇\s*总|total|totals|grandtotal|sum|subtotal)\b|^(合计|总计|汇总)/i;

/** A row that sums the others: its first non-empty cell says so (合计, Total, 总计：12 笔). */
export const isTotalRow = (cells: readonly string[]): boolean => {
  const first = nfkc(cells.find((c) => c.trim().length > 0) ?? '').trim().replace(/\s+/g, '');
  return TOTAL.test(first) || (/合计|总计/.test(first) && first.length <= 12);
};

const HEADER_SEARCH_ROWS = 30;

/** Finds the header row (the row naming the most known fields, at least two) among the first rows. */
export const findHeader = (rows: readonly SourceRow[]): number => {
  let best = -1;
  let bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const score = headingScore((rows[i] as SourceRow).cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) throw new ImportFileError('no-header', rows[0]?.line ?? null);
  return best;
};

const filled = (cells: readonly string[]): number => cells.reduce((n, c) => n + (c.trim().length > 0 ? 1 : 0), 0);

export const splitTable = (rows: readonly SourceRow[]): Table => {
  const h = findHeader(rows);
  const header = rows[h] as SourceRow;
  const width = filled(header.cells);
  const table: Table = { header, titleRows: rows.slice(0, h), dataRows: [], totalRows: [], noteRows: [] };
  for (const row of rows.slice(h + 1)) {
    if (isTotalRow(row.cells)) table.totalRows.push(row);
    // One lone cell under a wide header is a note (制表人：…, 打印时间), not a transaction.
    else if (filled(row.cells) <= 1 && width >= 3) table.noteRows.push(row);
    // The header repeated (page breaks in printed-to-file reports).
    else if (row.cells.join('\u0000') === header.cells.join('\u0000')) table.noteRows.push(row);
    else table.dataRows.push(row);
  }
  if (table.dataRows.length === 0) throw new ImportFileError('no-rows', header.line);
  return table;
};
