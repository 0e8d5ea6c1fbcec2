import { brandOf } from '../../shared/domain/card/brand';
import type { BalanceVerdict, SettleRequest, SettlementTotals } from '../../shared/ports/acquirer-link';

/**
 * The host's side of a settlement, shared by the training host (SimulatedAcquirer) and the
 * loopback ISO 8583 host simulator: totals of what it booked for the batch, compared with the
 * terminal's, per section (domestic cards: UnionPay; foreign: the rest).
 */
export interface BookedForSettlement {
  kind: 'sale' | 'advice' | 'void' | 'refund';
  batch: string;
  amountFen: number;
  responseCode: string;
  reversed: boolean;
  domestic: boolean;
}

/** 'auto' compares totals; 'unbalanced' makes the next settlement report a difference (training switch). */
export type SettlementMode = 'auto' | 'balanced' | 'unbalanced';

/** Cards issued in China route as UnionPay; a card the host never saw (by reference) counts as domestic. */
export const isDomesticPan = (pan: string | null | undefined): boolean => !pan || brandOf(pan) === 'unionpay' || brandOf(pan) === 'unknown';

export const bookTotals = (book: Iterable<BookedForSettlement>, batch: string): { domestic: SettlementTotals; foreign: SettlementTotals } => {
  const empty = (): SettlementTotals => ({ debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 });
  const out = { domestic: empty(), foreign: empty() };
  for (const t of book) {
    if (t.batch !== batch || t.responseCode !== '00' || t.reversed) continue;
    const s = t.domestic ? out.domestic : out.foreign;
    if (t.kind === 'sale' || t.kind === 'advice') {
      s.debitCount += 1;
      s.debitFen += t.amountFen;
    } else {
      s.creditCount += 1;
      s.creditFen += t.amountFen;
    }
  }
  return out;
};

const equal = (a: SettlementTotals, b: SettlementTotals): boolean => a.debitCount === b.debitCount && a.debitFen === b.debitFen && a.creditCount === b.creditCount && a.creditFen === b.creditFen;

export const verdicts = (book: Iterable<BookedForSettlement>, r: Pick<SettleRequest, 'batch' | 'domestic' | 'foreign'>, mode: SettlementMode): { domestic: BalanceVerdict; foreign: BalanceVerdict } => {
  if (mode !== 'auto') return { domestic: mode, foreign: mode === 'unbalanced' ? 'balanced' : mode };
  const host = bookTotals(book, r.batch);
  return { domestic: equal(host.domestic, r.domestic) ? 'balanced' : 'unbalanced', foreign: equal(host.foreign, r.foreign) ? 'balanced' : 'unbalanced' };
};
