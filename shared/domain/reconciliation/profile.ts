import { FIELDS, fieldOfHeading, headerSignature, unitOfHeading } from './fields';
import type { Field, SourceKind } from './fields';
import type { Table } from './table';
import type { AmountUnit } from './values';

/**
 * A mapping profile: which column holds which field, how amounts are written, and the headings
 * it was made for. Saved per source (an acquirer's file, a bank's statement) and reused when a
 * new file has the same headings.
 */
export interface MappingProfile {
  sourceKind: SourceKind;
  /** Column index (0-based) per field; absent fields are not in the file. */
  columns: Partial<Record<Field, number>>;
  amountUnit: AmountUnit;
  /** One signed amount column (with an optional direction column), or separate income and expense columns. */
  amountMode: 'signed' | 'income-expense';
  /** The headings as the file spells them (shown on the mapping screen). */
  headers: string[];
  /** normalizeHeading of every heading, joined: a saved profile applies to files with the same. */
  signature: string;
}

/** What a profile must name before rows can be read. */
export const missingFields = (p: Pick<MappingProfile, 'columns' | 'amountMode'>): Field[] => {
  const missing: Field[] = [];
  if (p.columns.date === undefined && p.columns.time === undefined) missing.push('date');
  if (p.amountMode === 'signed' && p.columns.amount === undefined) missing.push('amount');
  if (p.amountMode === 'income-expense' && p.columns.income === undefined && p.columns.expense === undefined) missing.push('income');
  return missing;
};

/** Zero-padded integers (000000012345) are fen, as ISO 8583-minded acquirers print them. */
const looksLikeFen = (values: readonly string[]): boolean => {
  const filled = values.map((v) => v.trim()).filter((v) => v.length > 0);
  if (filled.length === 0) return false;
  return filled.filter((v) => /^0\d{9,}$/.test(v)).length >= filled.length * 0.9;
};

/** Proposes a profile from the headings and the first rows; the user confirms or corrects it. */
export const guessProfile = (table: Table): MappingProfile => {
  const headers = table.header.cells.map((c) => c.trim());
  const columns: Partial<Record<Field, number>> = {};
  headers.forEach((h, i) => {
    const f = fieldOfHeading(h);
    if (f && columns[f] === undefined) columns[f] = i;
  });
  // A "date" heading that holds date and time (交易时间 2026-11-23 10:15:02) still fills the date.
  if (columns.date === undefined && columns.time !== undefined) {
    const sample = table.dataRows.slice(0, 5).map((r) => r.cells[columns.time as number] ?? '');
    if (sample.every((v) => /\d{4}\D?\d{2}\D?\d{2}/.test(v))) {
      columns.date = columns.time;
      delete columns.time;
    }
  }
  const amountMode = columns.amount === undefined && (columns.income !== undefined || columns.expense !== undefined) ? 'income-expense' : 'signed';
  const bankish = columns.income !== undefined || columns.expense !== undefined || columns.balance !== undefined || columns.direction !== undefined;
  const acquirerish = columns.rrn !== undefined || columns.terminal !== undefined || columns.trace !== undefined || columns.card !== undefined;
  const sourceKind: SourceKind = bankish && !acquirerish ? 'bank' : 'acquirer';
  const amountCol = columns.amount ?? columns.income ?? columns.expense;
  const headerUnit = amountCol === undefined ? null : unitOfHeading(headers[amountCol] ?? '');
  const sample = amountCol === undefined ? [] : table.dataRows.slice(0, 50).map((r) => r.cells[amountCol] ?? '');
  const amountUnit: AmountUnit = headerUnit ?? (looksLikeFen(sample) ? 'fen' : 'yuan');
  return { sourceKind, columns, amountUnit, amountMode, headers, signature: headerSignature(headers) };
};

/** A saved profile applied to a file with the same headings (columns by index stay valid). */
export const profileFits = (p: MappingProfile, table: Table): boolean => p.signature === headerSignature(table.header.cells.map((c) => c.trim()));

/** Keeps only fields the file has columns for (a corrected mapping from the screen). */
export const withColumns = (p: MappingProfile, columns: Partial<Record<Field, number>>): MappingProfile => {
  const kept: Partial<Record<Field, number>> = {};
  for (const f of FIELDS) {
    const c = columns[f];
    if (c !== undefined && Number.isInteger(c) && c >= 0 && c < p.headers.length) kept[f] = c;
  }
  return { ...p, columns: kept };
};
