import type { MappingProfile } from '../../../shared/domain/reconciliation/profile';
import type { SourceKind } from '../../../shared/domain/reconciliation/fields';
import type { MatchItem, MatchKind } from '../../../shared/domain/reconciliation/match-types';
import type { ImportedRowData } from '../../../shared/domain/reconciliation/rows';
import type { ReportData } from '../../../shared/domain/reports/report-data';
import type { SaleKind } from './records';

/**
 * Records of end of day and reconciliation (schema v4). Like the sales they are appended or
 * versioned; money is integer fen, times Unix ms, days 'YYYY-MM-DD' in the shop's zone.
 */

/** What a sale adds to a running total (sale-totals.ts). */
export type TotalBucket = 'debit' | 'credit' | 'declined' | 'offline' | 'forwarded' | 'unsigned';

/**
 * A running total: one row per scope (a day or a batch), operator, kind, card brand and bucket,
 * kept in the same transaction as the sale writes it counts, so a report reads a few rows and
 * never the sales.
 */
export interface TotalRecord {
  key: string;
  scope: 'day' | 'batch';
  scopeId: string;
  operatorId: string;
  kind: SaleKind;
  brand: string;
  bucket: TotalBucket;
  count: number;
  amountFen: number;
}

/** A batch the host settled (批结算), kept for ever; its slip can be reprinted from `reportId`. */
export interface BatchRecord {
  batch: string;
  closedAt: number;
  closedBy: string;
  approvedBy: string;
  outcome: 'balanced' | 'uploaded';
  domestic: string;
  foreign: string;
  uploaded: number;
  settleDate: string | null;
  nextBatch: string;
  reportId: string;
  /** What was still open when it closed (shown on the slip). */
  openAtClose: { offline: number; unresolved: number; unsigned: number };
}

export type ReportKind = 'settlement' | 'daily' | 'shift';

export interface ReportRecord {
  id: string;
  kind: ReportKind;
  /** Batch number, day, or `day|operatorId`. */
  scopeId: string;
  createdAt: number;
  operatorId: string;
  data: ReportData;
  /** Prints that may have put paper out (the next one is stamped REPRINT n). */
  prints: number;
  printJobIds: string[];
}

/** Where imported files come from: one acquirer's settlement file, one bank's statement. */
export interface ReconSourceRecord {
  id: string;
  name: string;
  kind: SourceKind;
  /** The mapping confirmed for this source; reused for files with the same headings. */
  profile: MappingProfile;
  /** profile.signature, indexed so a new file finds its source. */
  signature: string;
  createdAt: number;
  updatedAt: number;
}

export interface ReconImportRecord {
  id: string;
  sourceId: string;
  side: SourceKind;
  fileName: string;
  /** SHA-256 of the file's bytes: the same file twice is refused as already imported. */
  sha256: string;
  format: string;
  encoding: string | null;
  rows: number;
  /** Rows new to the console (rows already imported from an overlapping file are skipped). */
  added: number;
  days: string[];
  importedAt: number;
  operatorId: string;
}

/** One imported row (a settlement line or a bank statement line); the raw cells are not kept (the fields are). */
export interface ReconRowRecord extends Omit<ImportedRowData, 'raw'> {
  id: string;
  importId: string;
  sourceId: string;
  side: SourceKind;
  /** Hash of the row's cells and its occurrence in its file: the same row in another file is not added again. */
  fingerprint: string;
}

/** A match result of the last run over its day (replaced when the day is matched again, unless locked). */
export interface ReconResultRecord extends MatchItem {
  runAt: number;
}

export type ExplanationKind = 'note' | 'dispute-case' | 'inquiry';

/**
 * What a person did about a mismatch, attached to its stable key. A 'dispute-case' records the
 * intent to open a dispute (the case itself is the disputes feature's): `caseType` says which,
 * `caseId` stays null until that feature opens it and fills it in.
 */
export interface ReconExplanationRecord {
  id: string;
  itemKey: string;
  day: string;
  kind: ExplanationKind;
  matchKind: MatchKind;
  note: string;
  caseType: string | null;
  caseId: string | null;
  saleId: string | null;
  rowId: string | null;
  amountFen: number;
  /** Inquiry: what the host said. */
  outcome: string | null;
  createdAt: number;
  operatorId: string;
  approvedBy: string | null;
}

/** A day reconciled and locked: its results no longer change. */
export interface ReconDayRecord {
  day: string;
  lockedAt: number;
  lockedBy: string;
  counts: Partial<Record<MatchKind, number>>;
}

/** How this shop's money is reconciled (set on the reconciliation screen). */
export interface ReconOptions {
  /** The acquirer's rate in basis points (60 = 0.60%); null: only amount − fee = net is checked. */
  feeRateBp: number | null;
  feeCapFen: number | null;
  /** Card money arrives once per settlement day, or once per batch. */
  depositBy: 'day' | 'batch';
  /** How far apart the console's and the acquirer's times may be, in minutes. */
  windowMinutes: number;
  /** Days after settlement a deposit may take. */
  depositWindowDays: number;
}

export const DEFAULT_RECON_OPTIONS: ReconOptions = { feeRateBp: null, feeCapFen: null, depositBy: 'day', windowMinutes: 30, depositWindowDays: 3 };
