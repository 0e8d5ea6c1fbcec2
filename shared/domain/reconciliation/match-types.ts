import type { Day, RowKind } from './values';

/**
 * The three records of 三单合一: the console's slips, the acquirer's settlement rows and the
 * bank's statement rows, as the matcher takes them. Money is integer fen.
 */
export interface ConsoleSlip {
  id: string;
  at: number;
  day: Day;
  kind: 'sale' | 'void' | 'refund';
  /** Positive; the kind says which way the money went. */
  amountFen: number;
  rrn: string | null;
  terminal: string | null;
  batch: string | null;
  trace: string | null;
  last4: string | null;
}

export interface AcquirerRow {
  id: string;
  /** Null when the file gives a date only. */
  at: number | null;
  day: Day;
  settleDay: Day | null;
  kind: RowKind;
  /** Signed: sales positive, voids and refunds negative. */
  amountFen: number;
  feeFen: number | null;
  netFen: number | null;
  rrn: string | null;
  terminal: string | null;
  batch: string | null;
  trace: string | null;
  last4: string | null;
}

export interface BankRow {
  id: string;
  day: Day;
  at: number | null;
  /** Signed: income positive. */
  amountFen: number;
  memo: string | null;
}

export const MATCH_KINDS = [
  'matched',
  'missing-at-acquirer',
  'missing-in-console',
  'amount-differs',
  'fee-differs',
  'duplicated',
  'deposit-matched',
  'deposit-missing',
  'deposit-different',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** Kinds that need a person (the mismatch queue). */
export const MISMATCH_KINDS: readonly MatchKind[] = ['missing-at-acquirer', 'missing-in-console', 'amount-differs', 'fee-differs', 'duplicated', 'deposit-missing', 'deposit-different'];

export interface MatchItem {
  /** Stable across re-runs of the same data: explanations attach to it. */
  key: string;
  kind: MatchKind;
  day: Day;
  slipId: string | null;
  rowId: string | null;
  bankId: string | null;
  /** Deposit groups: 'batch:000001' or 'day:2026-11-23'. */
  group: string | null;
  /** The console's amount (or the group's net for deposits). */
  amountFen: number;
  /** The other side's amount when it differs (acquirer amount, deposit). */
  otherFen: number | null;
  feeFen: number | null;
  expectedFeeFen: number | null;
  pass: 'exact' | 'scored' | 'deposit';
  score: number | null;
  /** For 'duplicated': the row (or deposit) this one repeats. */
  duplicateOf: string | null;
}

/** An item with every field it does not name empty (written out field by field: 100,000 of these per run). */
export const matchItem = (kind: MatchKind, day: string, amountFen: number, f: Partial<Omit<MatchItem, 'key' | 'kind' | 'day' | 'amountFen'>>): MatchItem => {
  const slipId = f.slipId ?? null;
  const rowId = f.rowId ?? null;
  const bankId = f.bankId ?? null;
  const group = f.group ?? null;
  return {
    key: `${kind}|${slipId ?? ''}|${rowId ?? ''}|${bankId ?? ''}|${group ?? ''}`,
    kind,
    day,
    slipId,
    rowId,
    bankId,
    group,
    amountFen,
    otherFen: f.otherFen ?? null,
    feeFen: f.feeFen ?? null,
    expectedFeeFen: f.expectedFeeFen ?? null,
    pass: f.pass ?? 'exact',
    score: f.score ?? null,
    duplicateOf: f.duplicateOf ?? null,
  };
};

export interface MatchOptions {
  /** How far apart the console's and the acquirer's times may be for the scored pass. */
  windowMs: number;
  /** The acquirer's rate in basis points (60 = 0.60%), null when not set: then only amount − fee = net is checked. */
  feeRateBp: number | null;
  /** Fee cap per transaction (some card types), null for none. */
  feeCapFen: number | null;
  /** Card money arrives as one deposit per settlement day, or per batch. */
  depositBy: 'day' | 'batch';
  /** Days after settlement a deposit may arrive (T+1 is usual; weekends and holidays add). */
  depositWindowDays: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { windowMs: 30 * 60_000, feeRateBp: null, feeCapFen: null, depositBy: 'day', depositWindowDays: 3 };

export const itemKey = (kind: MatchKind, ids: { slipId?: string | null; rowId?: string | null; bankId?: string | null; group?: string | null }): string =>
  [kind, ids.slipId ?? '', ids.rowId ?? '', ids.bankId ?? '', ids.group ?? ''].join('|');
