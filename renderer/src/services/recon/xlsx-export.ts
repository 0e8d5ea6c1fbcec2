import writeXlsxFile from 'write-excel-file/universal';
import type { Cell as XlsxCell, SheetData } from 'write-excel-file/universal';
import { escapeSpreadsheetText } from '../../../../shared/domain/reconciliation/spreadsheet';
import type { Cell, Sheet } from '../../../../shared/domain/reconciliation/spreadsheet';

/**
 * The export tables as an .xlsx (write-excel-file). Text cells are written as strings (never
 * formulas) and escaped like the CSV, so the workbook saved again as CSV stays harmless; money is
 * a number with two decimals, so the accountant can sum it.
 */
const cell = (c: Cell): XlsxCell => {
  if (c === null) return null;
  if ('fen' in c) return { value: c.fen / 100, type: Number, format: '#,##0.00' };
  if ('int' in c) return { value: c.int, type: Number };
  return { value: escapeSpreadsheetText(c.text), type: String };
};

/** Sheet names: 31 characters, none of []:*?/\ (Excel's rules). */
const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';

export const toXlsx = async (sheets: readonly Sheet[]): Promise<Blob> => {
  const data: SheetData[] = sheets.map((s) => [s.header.map((h) => ({ value: escapeSpreadsheetText(h), type: String, fontWeight: 'bold' as const })), ...s.rows.map((r) => r.map(cell))]);
  return writeXlsxFile(
    data.map((d, i) => ({ data: d, sheet: sheetName(sheets[i]?.name ?? `Sheet${i + 1}`) })),
  ).toBlob();
};
