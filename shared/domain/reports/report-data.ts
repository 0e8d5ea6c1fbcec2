/**
 * The content of an end-of-day document (settlement slip 结算单, daily report 日结报表, shift
 * report 交班报表), computed from running totals and stored with the report so a reprint shows
 * exactly what was printed first. Money is integer fen.
 */
export interface Amount {
  count: number;
  fen: number;
}

export type TxKind = 'sale' | 'void' | 'refund';

export interface BrandKindLine {
  brand: string;
  kind: TxKind;
  count: number;
  fen: number;
}

export interface OperatorLine {
  operatorId: string;
  name: string;
  sales: Amount;
  voids: Amount;
  refunds: Amount;
}

export interface HostVerdict {
  outcome: 'balanced' | 'uploaded';
  domestic: string;
  foreign: string;
  uploaded: number;
  settleDate: string | null;
}

/** The totals every report and the settlement share, added up from the running totals (summarize.ts). */
export interface ReportTotals {
  /** Standing transactions per card brand and type (what the host counts). */
  lines: BrandKindLine[];
  debit: Amount;
  credit: Amount;
  netFen: number;
  sales: Amount;
  voids: Amount;
  refunds: Amount;
  offlineForwarded: Amount;
  offlinePending: Amount;
  declined: Amount;
  unsigned: number;
}

export interface ReportData extends ReportTotals {
  kind: 'settlement' | 'daily' | 'shift';
  batch: string | null;
  day: string | null;
  operator: { id: string; name: string } | null;
  /** The period the report covers (ms); `from` null for a batch (its first sale to its close). */
  from: number | null;
  to: number;
  /** Daily and shift reports: failed prints nobody has dealt with; null on a settlement slip. */
  notPrinted: number | null;
  openCases: number | null;
  byOperator: OperatorLine[];
  host: HostVerdict | null;
  openAtClose: { offline: number; unresolved: number; unsigned: number } | null;
}
