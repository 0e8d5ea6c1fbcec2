import type { SettlementTotals } from '../../ports/acquirer-link';
import type { Amount, BrandKindLine, OperatorLine, ReportTotals, TxKind } from './report-data';

/**
 * Running-total rows (one per operator, kind, brand and bucket of a day or a batch) added up
 * into what the reports print and what the settlement sends. Pure: the same rows, the same sums.
 */
export interface TotalRow {
  operatorId: string;
  kind: TxKind;
  brand: string;
  bucket: 'debit' | 'credit' | 'declined' | 'offline' | 'forwarded' | 'unsigned';
  count: number;
  amountFen: number;
}

export interface Summary extends ReportTotals {
  byOperator: Array<Omit<OperatorLine, 'name'>>;
}

const zero = (): Amount => ({ count: 0, fen: 0 });
const add = (a: Amount, r: TotalRow): void => {
  a.count += r.count;
  a.fen += r.amountFen;
};
const KIND_ORDER: Record<TxKind, number> = { sale: 0, void: 1, refund: 2 };

export const summarize = (rows: readonly TotalRow[]): Summary => {
  const s: Summary = { lines: [], debit: zero(), credit: zero(), netFen: 0, sales: zero(), voids: zero(), refunds: zero(), offlineForwarded: zero(), offlinePending: zero(), declined: zero(), unsigned: 0, byOperator: [] };
  const lines = new Map<string, BrandKindLine>();
  const ops = new Map<string, Omit<OperatorLine, 'name'>>();
  for (const r of rows) {
    if (r.count === 0 && r.amountFen === 0) continue;
    if (r.bucket === 'debit' || r.bucket === 'credit') {
      add(r.bucket === 'debit' ? s.debit : s.credit, r);
      add(r.kind === 'sale' ? s.sales : r.kind === 'void' ? s.voids : s.refunds, r);
      const key = `${r.brand}|${r.kind}`;
      const line = lines.get(key) ?? lines.set(key, { brand: r.brand, kind: r.kind, count: 0, fen: 0 }).get(key);
      if (line) {
        line.count += r.count;
        line.fen += r.amountFen;
      }
      const op = ops.get(r.operatorId) ?? ops.set(r.operatorId, { operatorId: r.operatorId, sales: zero(), voids: zero(), refunds: zero() }).get(r.operatorId);
      if (op) add(r.kind === 'sale' ? op.sales : r.kind === 'void' ? op.voids : op.refunds, r);
    } else if (r.bucket === 'forwarded') add(s.offlineForwarded, r);
    else if (r.bucket === 'offline') add(s.offlinePending, r);
    else if (r.bucket === 'declined') add(s.declined, r);
    else s.unsigned += r.count;
  }
  s.netFen = s.debit.fen - s.credit.fen;
  s.lines = [...lines.values()].sort((a, b) => (a.brand === b.brand ? KIND_ORDER[a.kind] - KIND_ORDER[b.kind] : a.brand < b.brand ? -1 : 1));
  s.byOperator = [...ops.values()].sort((a, b) => (a.operatorId < b.operatorId ? -1 : 1));
  return s;
};

/** UnionPay cards (and unknown ones, as the host counts them) are domestic; the rest foreign. */
export const isDomesticBrand = (brand: string): boolean => brand === 'unionpay' || brand === 'unknown';

/** The 0500's field 48 from a batch's running totals. */
export const settlementTotals = (rows: readonly TotalRow[]): { domestic: SettlementTotals; foreign: SettlementTotals } => {
  const out = { domestic: { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 }, foreign: { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 } };
  for (const r of rows) {
    if (r.bucket !== 'debit' && r.bucket !== 'credit') continue;
    const t = isDomesticBrand(r.brand) ? out.domestic : out.foreign;
    if (r.bucket === 'debit') {
      t.debitCount += r.count;
      t.debitFen += r.amountFen;
    } else {
      t.creditCount += r.count;
      t.creditFen += r.amountFen;
    }
  }
  return out;
};
