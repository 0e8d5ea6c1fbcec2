import readXlsxFile from 'read-excel-file/universal';
import { headingScore } from '../../../../shared/domain/reconciliation/fields';
import { ImportFileError, MAX_IMPORT_BYTES } from '../../../../shared/domain/reconciliation/problems';
import type { ParsedFile } from '../../../../shared/domain/reconciliation/preview';
import type { SourceRow } from '../../../../shared/domain/reconciliation/source-rows';

/**
 * Workbooks (.xlsx) through read-excel-file (maintained; the `xlsx` package on npm is frozen at
 * an old release). Cells become the text a CSV export of the sheet would hold, so the same
 * reading applies: dates as "YYYY-MM-DD HH:mm:ss", numbers without float noise.
 */
const two = (n: number): string => String(n).padStart(2, '0');

/** Excel dates have no zone: the library gives the wall-clock time in the UTC fields. */
const dateText = (d: Date): string =>
  `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}${d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds() ? ` ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}` : ''}`;

const numberText = (n: number): string => {
  if (Number.isInteger(n)) return String(n);
  const cents = Math.round(n * 100);
  // 593.85 is stored as 593.850000000000023…: money has two decimals.
  return Math.abs(n * 100 - cents) < 1e-6 ? (cents / 100).toFixed(2) : String(n);
};

export const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  // Serial day numbers are floats: 10:30:00 can come back as 10:29:59.9995.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(new Date(Math.round(v.getTime() / 1000) * 1000));
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** True for a ZIP container (an .xlsx is one), whatever the file is called. */
export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The sheet with the best header row (statements often have a cover sheet). */
export const parseXlsxFile = async (bytes: Uint8Array): Promise<ParsedFile> => {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError('too-large', null, null, { bytes: bytes.length });
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(bytes.slice().buffer);
  } catch {
    throw new ImportFileError('xlsx-unreadable');
  }
  let best: SourceRow[] | null = null;
  let bestScore = -1;
  for (const sheet of sheets) {
    const rows = sheet.data.map((r, i) => ({ line: i + 1, cells: r.map(cellText) })).filter((r) => r.cells.some((c) => c.trim() !== ''));
    const score = Math.max(0, ...rows.slice(0, 30).map((r) => headingScore(r.cells)));
    if (score > bestScore) {
      best = rows;
      bestScore = score;
    }
  }
  if (!best || best.length === 0) throw new ImportFileError('empty-file');
  return { format: 'xlsx', encoding: null, rows: best };
};
