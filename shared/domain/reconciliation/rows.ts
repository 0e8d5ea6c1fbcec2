import type { Field } from './fields';
import { WARNINGS } from './problems';
import type { RowProblem, RowProblemCode } from './problems';
import type { MappingProfile } from './profile';
import type { SourceRow } from './source-rows';
import { kindOf, lastFourOf, looksLikeFormula, maskLongNumbers, nfkc, parseAmount, parseDate, parseTime, wallClockToMs } from './values';
import type { Day, RowKind } from './values';

/**
 * One data row read through a mapping profile. Amounts are signed fen: for an acquirer, sales
 * positive and voids/refunds negative; for a bank, income positive and expense negative. Raw
 * cells are kept for the screen with long digit runs masked (a file may carry full card numbers).
 */
export interface ImportedRowData {
  line: number;
  day: Day;
  /** Unix ms when the file gives a time of day; null for a date only. */
  at: number | null;
  settleDay: Day | null;
  amountFen: number;
  feeFen: number | null;
  netFen: number | null;
  kind: RowKind;
  rrn: string | null;
  terminal: string | null;
  merchant: string | null;
  batch: string | null;
  trace: string | null;
  last4: string | null;
  auth: string | null;
  memo: string | null;
  raw: string[];
}

export interface ReadRows {
  rows: ImportedRowData[];
  problems: RowProblem[];
}

const clip = (v: string): string => maskLongNumbers(v).slice(0, 40);

/** Identifiers as printed, without padding spaces; leading zeros kept (000012 is a trace number). */
const ident = (v: string | undefined): string | null => {
  const t = nfkc(v ?? '').trim().replace(/^'/, '');
  return t === '' ? null : t.slice(0, 32);
};

/** Columns known to hold no card number (ids, dates, money): kept as they are in the raw cells. */
const SAFE_FIELDS: readonly Field[] = ['date', 'time', 'settleDate', 'amount', 'income', 'expense', 'fee', 'net', 'rrn', 'terminal', 'merchant', 'batch', 'trace', 'auth', 'balance', 'direction', 'kind'];

const DIRECTION_OUT = /^(借|支|支出|付|d|dr|debit|-)$/i;

/** Reads every data row; problems name the file's row and the column heading. */
export const readRows = (dataRows: readonly SourceRow[], profile: MappingProfile, yearHint: number): ReadRows => {
  const rows: ImportedRowData[] = [];
  const problems: RowProblem[] = [];
  const c = profile.columns;
  const needed = Object.values(c).filter((i): i is number => i !== undefined);
  const widest = needed.length === 0 ? 0 : Math.max(...needed);
  const safe = new Set(SAFE_FIELDS.map((f) => c[f]).filter((i): i is number => i !== undefined));
  // Dates and types repeat on every row of a day: read each distinct text once.
  const dates = new Map<string, ReturnType<typeof parseDate>>();
  const readDate = (text: string): ReturnType<typeof parseDate> => dates.get(text) ?? dates.set(text, parseDate(text, yearHint)).get(text) ?? parseDate(text, yearHint);
  const kinds = new Map<string, ReturnType<typeof kindOf>>();
  const readKind = (text: string): ReturnType<typeof kindOf> => (kinds.has(text) ? (kinds.get(text) ?? null) : (kinds.set(text, kindOf(text)).get(text) ?? null));
  for (const src of dataRows) {
    const cells = src.cells;
    let failed = false;
    const problem = (code: RowProblemCode, field: Field | null, value: string | null = null): void => {
      const severity = WARNINGS.has(code) ? 'warning' : 'error';
      if (severity === 'error') failed = true;
      const col = field === null ? undefined : c[field];
      problems.push({ row: src.line, column: col === undefined ? null : (profile.headers[col] ?? null), code, severity, value: value === null ? null : clip(value) });
    };
    const cell = (f: Field): string | undefined => (c[f] === undefined ? undefined : cells[c[f]]);
    if (cells.length <= widest) {
      const first = (Object.keys(c) as Field[]).find((f) => (c[f] as number) >= cells.length) ?? null;
      problem('missing-cells', first);
      continue;
    }
    cells.forEach((v, i) => {
      if (looksLikeFormula(v.trim())) problems.push({ row: src.line, column: profile.headers[i] ?? null, code: 'formula-text', severity: 'warning', value: clip(v) });
    });

    // When: a date column (maybe with the time in it) and a time column.
    const dateText = cell('date') ?? cell('time') ?? '';
    const date = readDate(dateText);
    let day: Day = '';
    let seconds: number | null = null;
    if (!date.ok) problem(date.code, c.date !== undefined ? 'date' : 'time', dateText);
    else {
      day = date.value.day;
      const timeText = date.value.time ?? (c.time !== undefined && c.time !== c.date ? (cell('time') ?? '') : '');
      if (timeText.trim() !== '') {
        const t = parseTime(timeText);
        if (t.ok) seconds = t.value;
        else problem('time-invalid', c.time !== undefined ? 'time' : 'date', timeText);
      }
    }
    let settleDay: Day | null = null;
    const settleText = cell('settleDate');
    if (settleText !== undefined && settleText.trim() !== '') {
      const s = parseDate(settleText, yearHint);
      if (s.ok) settleDay = s.value.day;
      else problem('date-invalid', 'settleDate', settleText);
    }

    // How much: one signed column (perhaps with a direction), or income and expense.
    let amountFen = 0;
    if (profile.amountMode === 'signed') {
      const a = parseAmount(cell('amount') ?? '', profile.amountUnit);
      if (!a.ok) problem(a.code, 'amount', cell('amount') ?? '');
      else amountFen = a.value;
      const dir = nfkc(cell('direction') ?? '').trim();
      if (dir && DIRECTION_OUT.test(dir)) amountFen = -Math.abs(amountFen);
    } else {
      const inText = cell('income') ?? '';
      const outText = cell('expense') ?? '';
      const income = inText.trim() === '' ? null : parseAmount(inText, profile.amountUnit);
      const expense = outText.trim() === '' ? null : parseAmount(outText, profile.amountUnit);
      if (income && !income.ok) problem(income.code, 'income', inText);
      if (expense && !expense.ok) problem(expense.code, 'expense', outText);
      const inFen = income?.ok ? Math.abs(income.value) : 0;
      const outFen = expense?.ok ? Math.abs(expense.value) : 0;
      if (inFen > 0 && outFen > 0) problem('income-and-expense', 'income', `${inText} / ${outText}`);
      else if (inFen === 0 && outFen === 0 && (income?.ok ?? true) && (expense?.ok ?? true)) problem('no-amount', 'income');
      amountFen = inFen - outFen;
    }
    const optionalFen = (f: 'fee' | 'net', code: RowProblemCode): number | null => {
      const t = cell(f);
      if (t === undefined || t.trim() === '') return null;
      const r = parseAmount(t, profile.amountUnit);
      if (r.ok) return r.value;
      problem(code, f, t);
      return null;
    };
    const feeFen = optionalFen('fee', 'fee-invalid');
    let netFen = optionalFen('net', 'net-invalid');

    let kind: RowKind = profile.sourceKind === 'bank' ? 'other' : amountFen < 0 ? 'refund' : 'sale';
    const kindText = cell('kind');
    if (profile.sourceKind === 'acquirer' && kindText !== undefined && kindText.trim() !== '') {
      const k = readKind(kindText);
      if (k) kind = k;
      else {
        kind = 'other';
        problem('kind-unknown', 'kind', kindText);
      }
    }
    // Money back to the card is negative whatever sign the file printed it with.
    if (profile.sourceKind === 'acquirer' && (kind === 'void' || kind === 'refund') && amountFen > 0) {
      amountFen = -amountFen;
      if (netFen !== null && netFen > 0) netFen = -netFen;
    }
    if (profile.sourceKind === 'acquirer' && kind === 'sale' && feeFen !== null && netFen !== null && amountFen - feeFen !== netFen) {
      problem('net-mismatch', 'net', cell('net') ?? '');
    }
    let last4: string | null = null;
    const cardText = cell('card');
    if (cardText !== undefined) {
      const l = lastFourOf(cardText);
      last4 = l.last4;
      if (l.full) problem('full-card-number', 'card', cardText);
    }
    if (failed) continue;
    rows.push({
      line: src.line,
      day,
      at: seconds === null ? null : wallClockToMs(day, seconds),
      settleDay,
      amountFen,
      feeFen,
      netFen,
      kind,
      rrn: ident(cell('rrn')),
      terminal: ident(cell('terminal')),
      merchant: ident(cell('merchant')),
      batch: ident(cell('batch')),
      trace: ident(cell('trace')),
      last4,
      auth: ident(cell('auth')),
      memo: cell('memo') === undefined ? null : maskLongNumbers((cell('memo') ?? '').trim()).slice(0, 200),
      raw: cells.map((v, i) => (safe.has(i) ? v.trim() : maskLongNumbers(v.trim())).slice(0, 200)),
    });
  }
  return { rows, problems };
};
