import { decodeText, encodingLabel } from './encoding';
import { detectDelimiter, parseDelimited } from './delimited';
import { parseFixedWidth } from './fixed-width';
import { ImportFileError, MAX_IMPORT_BYTES } from './problems';
import type { RowProblem } from './problems';
import { guessProfile, missingFields, profileFits } from './profile';
import type { MappingProfile } from './profile';
import { readRows } from './rows';
import type { ImportedRowData } from './rows';
import type { FileFormat, SourceRow } from './source-rows';
import { splitTable } from './table';
import type { Table } from './table';
import { parseAmount } from './values';
import type { Day } from './values';

/**
 * From a file's bytes to the preview the user confirms: format and encoding detected, rows
 * split (titles, header, data, totals, notes), a mapping (saved for these headings, or guessed),
 * every row read with its problems, and the file checked against its own total row.
 */
export interface ParsedFile {
  format: FileFormat;
  /** "GBK/GB18030", "UTF-8 (BOM)", …; null for a workbook. */
  encoding: string | null;
  rows: SourceRow[];
}

/** Text files: encoding detected, then delimited if a delimiter is used consistently, else fixed-width. */
export const parseTextFile = (bytes: Uint8Array): ParsedFile => {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError('too-large', null, null, { bytes: bytes.length });
  const decoded = decodeText(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportFileError('empty-file');
  const delimiter = detectDelimiter(text);
  return { format: delimiter ? 'csv' : 'fixed', encoding: encodingLabel(decoded), rows: delimiter ? parseDelimited(text, delimiter) : parseFixedWidth(text) };
};

export interface ImportPreview {
  format: FileFormat;
  encoding: string | null;
  table: Table;
  profile: MappingProfile;
  /** Whether the mapping is a saved one (same headings) or a guess to confirm. */
  mapping: 'saved' | 'guessed' | 'edited';
  rows: ImportedRowData[];
  problems: RowProblem[];
  errors: number;
  warnings: number;
  days: Day[];
  /** Σ amounts of the rows read (signed fen) and their count. */
  sumFen: number;
  count: number;
}

/** A year for dates printed without one (MMDD): from the title rows, else this year. */
const yearOf = (titleRows: readonly SourceRow[], now: number): number => {
  for (const r of titleRows) {
    const m = /(20\d{2})[-/.年]?(\d{2})[-/.月]?(\d{2})/.exec(r.cells.join(' '));
    if (m) return Number(m[1]);
  }
  return new Date(now).getUTCFullYear();
};

/** The total row's count (N 笔 / 笔数: N / count N), if it prints one. */
const totalCount = (text: string): number | null => {
  const m = /笔数\D{0,3}(\d+)|(\d+)\s*笔|count\D{0,3}(\d+)|(\d+)\s*(?:items|rows|records)/i.exec(text.normalize('NFKC'));
  const n = m ? Number(m[1] ?? m[2] ?? m[3] ?? m[4]) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** Checks the file against its 合计 row: a file cut short or edited fails here, with the total row named. */
const checkTotals = (table: Table, profile: MappingProfile, rows: readonly ImportedRowData[], errors: number): void => {
  if (errors > 0) return;
  const c = profile.columns;
  const abs = rows.reduce((t, r) => t + Math.abs(r.amountFen), 0);
  const signed = rows.reduce((t, r) => t + r.amountFen, 0);
  const income = rows.reduce((t, r) => t + Math.max(0, r.amountFen), 0);
  const expense = rows.reduce((t, r) => t + Math.max(0, -r.amountFen), 0);
  for (const total of table.totalRows) {
    const text = total.cells.join(' ');
    const count = totalCount(text);
    if (count !== null && count !== rows.length) {
      throw new ImportFileError('total-mismatch', total.line, null, { stated: count, found: rows.length });
    }
    const amountAt = (col: number | undefined, expect: number[], heading: string | undefined): void => {
      if (col === undefined || total.cells.length <= col) return;
      const stated = parseAmount(total.cells[col] ?? '', profile.amountUnit);
      if (stated.ok && !expect.includes(stated.value) && !expect.includes(-stated.value)) {
        throw new ImportFileError('total-mismatch', total.line, heading ?? null, { stated: stated.value, found: expect[0] ?? 0 });
      }
    };
    if (total.cells.length > 1) {
      if (profile.amountMode === 'signed') amountAt(c.amount, [signed, abs], profile.headers[c.amount ?? -1]);
      else {
        amountAt(c.income, [income], profile.headers[c.income ?? -1]);
        amountAt(c.expense, [expense], profile.headers[c.expense ?? -1]);
      }
    } else {
      // Fixed-width: "合计  笔数: 12  交易金额: 000000123456".
      const m = /金额\D{0,3}([-+]?[\d,]+(?:\.\d+)?)|amount\D{0,3}([-+]?[\d,]+(?:\.\d+)?)/i.exec(text.normalize('NFKC'));
      const stated = m ? parseAmount(m[1] ?? m[2] ?? '', profile.amountUnit) : null;
      if (stated?.ok && stated.value !== signed && stated.value !== abs && stated.value !== -signed) {
        throw new ImportFileError('total-mismatch', total.line, null, { stated: stated.value, found: abs });
      }
    }
  }
};

/**
 * The preview of a file under a mapping: `chosen` (edited on the screen), else `saved` when it
 * was made for these headings, else a guess. Throws ImportFileError for a file that cannot be
 * imported at all; row problems are in the result.
 */
export const previewImport = (parsed: ParsedFile, saved: MappingProfile | null, chosen: MappingProfile | null = null, now = Date.now()): ImportPreview => {
  const table = splitTable(parsed.rows);
  const fits = saved !== null && profileFits(saved, table);
  const profile = chosen ?? (fits ? saved : guessProfile(table));
  const missing = missingFields(profile);
  if (missing.length > 0) throw new ImportFileError('mapping-incomplete', table.header.line, null, { fields: missing.join(',') });
  const { rows, problems } = readRows(table.dataRows, profile, yearOf(table.titleRows, now));
  const errors = problems.filter((p) => p.severity === 'error').length;
  checkTotals(table, profile, rows, errors);
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    table,
    profile,
    mapping: chosen ? 'edited' : fits ? 'saved' : 'guessed',
    rows,
    problems,
    errors,
    warnings: problems.length - errors,
    days: [...new Set(rows.map((r) => r.day))].sort(),
    sumFen: rows.reduce((t, r) => t + r.amountFen, 0),
    count: rows.length,
  };
};
