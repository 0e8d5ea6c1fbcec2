import { feeAt, netOf } from './layouts';
import type { BankLine, SettlementLine } from './layouts';

/**
 * The sales the reconciliation end-to-end test rings up, in order, and how the acquirer's and
 * the bank's files then differ from the console on purpose, one difference per kind of
 * mismatch. `generate.ts` writes the committed fixtures from these with the numbers the
 * training host gives (STAN from 000001, RRN = batch + STAN); the e2e test writes the same files
 * from the records it has just made.
 */
export interface RungSale {
  amountFen: number;
  /** Then voided, or partly refunded by this amount. */
  then?: { void: true } | { refundFen: number };
  /** Amount ends in .05: the training host declines it (never in any file). */
  declined?: boolean;
}

export const BATCH_1: readonly RungSale[] = [
  { amountFen: 12_345 },
  { amountFen: 8_800 },
  { amountFen: 25_600, then: { void: true } },
  { amountFen: 50_000, then: { refundFen: 12_000 } },
  { amountFen: 1_990 },
  { amountFen: 6_660 },
  { amountFen: 4_505, declined: true },
];

export const BATCH_2: readonly RungSale[] = [{ amountFen: 123_456 }, { amountFen: 30_000 }, { amountFen: 7_770 }];

/** The acquirer's rate in basis points (0.60%), as set on the reconciliation screen. */
export const FEE_BP = 60;

/** A console record as the files need it (what the e2e reads from the console). */
export interface ConsoleLine extends Omit<SettlementLine, 'feeFen'> {
  /** Index of the sale in its batch list (the void or refund shares its sale's index). */
  index: number;
}

export const withFees = (lines: readonly ConsoleLine[]): SettlementLine[] => lines.map(({ index: _index, ...l }) => ({ ...l, feeFen: l.kind === 'sale' ? feeAt(l.amountFen, FEE_BP) : feeAt(l.amountFen, FEE_BP) }));

/**
 * Batch 1's file: sale 2 at 80.00 instead of 88.00 (amount differs), sale 5 with a fee of 5.00
 * (fee differs), sale 6 left out (missing at the acquirer). The rest match.
 */
export const batch1File = (lines: readonly ConsoleLine[]): SettlementLine[] =>
  withFees(lines.filter((l) => !(l.index === 5 && l.kind === 'sale'))).map((l) => {
    if (l.kind === 'sale' && l.amountFen === 8_800) return { ...l, amountFen: 8_000, feeFen: feeAt(8_000, FEE_BP) };
    if (l.kind === 'sale' && l.amountFen === 1_990) return { ...l, feeFen: 500 };
    return l;
  });

/** Batch 2's file: sale 1 listed twice (duplicated) and a sale the console never took (missing in the console). */
export const batch2File = (lines: readonly ConsoleLine[]): SettlementLine[] => {
  const out = withFees(lines);
  const first = out[0];
  if (!first) return out;
  const stranger: SettlementLine = { ...first, at: first.at + 600_000, amountFen: 15_000, feeFen: feeAt(15_000, FEE_BP), trace: '999999', rrn: `${first.batch}999999`, auth: '999999', last4: '4321' };
  return [first, ...out, stranger];
};

/**
 * The bank statement the day after: batch 1's money arrives 1.00 short (deposit different),
 * batch 2's never (deposit missing); other lines are the shop's own business.
 */
export const bankLines = (batch1: readonly SettlementLine[], settleAt: number): BankLine[] => [
  { at: settleAt + 3_600_000, memo: '转账支出 房租', incomeFen: 0, expenseFen: 200_000, counterparty: '物业管理有限公司' },
  { at: settleAt + 7_200_000, memo: `POS清算款 批次${batch1[0]?.batch ?? '000001'}`, incomeFen: netOf(batch1) - 100, expenseFen: 0, counterparty: '银联商务股份有限公司' },
  { at: settleAt + 9_000_000, memo: '现金存入', incomeFen: 50_000, expenseFen: 0, counterparty: '' },
];
