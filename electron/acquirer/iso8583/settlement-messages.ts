import type { BalanceVerdict, BatchUploadItem, SettlementTotals } from '../../../shared/ports/acquirer-link';
import { text } from './codec';
import type { FieldValue, IsoMessage } from './codec';
import { Iso8583Error } from './errors';
import type { Envelope } from './messages';
import { PROC, TX_TYPE } from './messages';

/**
 * End-of-day messages, after the UnionPay POS layout (中国银联 POS 终端消息域说明: 批结算,
 * 批上送); no MAC, as in that layout:
 *
 * | transaction               | MTI (answer) | 48                                     | 60.1 | 60.3 |
 * |---------------------------|--------------|----------------------------------------|------|------|
 * | settlement (批结算)        | 0500 (0510)  | totals, domestic then foreign (below)  | 00   | 201  |
 * | batch upload (批上送)      | 0320 (0330)  |                                        | type | 201  |
 * | upload finished (批上送结束)| 0320 (0330)  | n4: how many were uploaded             | 00   | 202  |
 *
 * Field 48 of 0500/0510: for domestic cards, then foreign cards: debit amount n12, debit count
 * n3, credit amount n12, credit count n3, then the answer code n1 (the terminal sends 0; the host
 * answers 1 balanced, 2 unbalanced, 3 error) — 62 digits. Debits are sales and offline advices,
 * credits voids and refunds. A batch upload carries no card number (the console never keeps one,
 * RULES 1): the host finds each transaction by the RRN (37), the authorization code (38) and field
 * 61 (batch + original STAN + MMDD), with its amount (4), processing code (3) and type (60.1).
 * Each upload has its own STAN. Counts above 999 are refused: settle more often.
 */
export const SETTLEMENT_MTI = { settlement: '0500', batchUpload: '0320' } as const;
export const SETTLEMENT_NMI = { settle: '201', uploadEnd: '202' } as const;
const CNY = '156';

const pad = (value: string, length: number): string => value.slice(0, length).padEnd(length, ' ');
const amount = (fen: number): string => String(fen).padStart(12, '0');
const mmdd = (at: Date): string => `${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;

const base = (e: Envelope, type: string, nmi: string): Map<number, FieldValue> =>
  new Map<number, FieldValue>([
    [11, e.stan],
    [41, pad(e.identity.terminalId, 8)],
    [42, pad(e.identity.merchantId, 15)],
    [60, `${type}${e.batch}${nmi}`],
  ]);

const section = (t: SettlementTotals, code: string): string => {
  if (t.debitCount > 999 || t.creditCount > 999) throw new Iso8583Error('bad-value', 'more than 999 transactions of one kind in a batch', 48);
  return `${amount(t.debitFen)}${String(t.debitCount).padStart(3, '0')}${amount(t.creditFen)}${String(t.creditCount).padStart(3, '0')}${code}`;
};

/** Field 48 of a settlement: both sections, each with its answer code. */
export const settlementTotals = (domestic: SettlementTotals, foreign: SettlementTotals, codes: [string, string] = ['0', '0']): string => `${section(domestic, codes[0])}${section(foreign, codes[1])}`;

export const settlementRequest = (e: Envelope, domestic: SettlementTotals, foreign: SettlementTotals): IsoMessage => {
  const f = base(e, TX_TYPE.network, SETTLEMENT_NMI.settle);
  f.set(48, settlementTotals(domestic, foreign)).set(49, CNY);
  return { mti: SETTLEMENT_MTI.settlement, fields: f };
};

const UPLOADED: Record<BatchUploadItem['kind'], { proc: string; type: string }> = {
  sale: { proc: PROC.goods, type: TX_TYPE.sale },
  advice: { proc: PROC.goods, type: TX_TYPE.offline },
  void: { proc: PROC.credit, type: TX_TYPE.void },
  refund: { proc: PROC.credit, type: TX_TYPE.refund },
};

export const batchUploadRequest = (e: Envelope, t: BatchUploadItem): IsoMessage => {
  const { proc, type } = UPLOADED[t.kind];
  const f = base(e, type, SETTLEMENT_NMI.settle);
  f.set(3, proc).set(4, amount(t.amountFen)).set(22, '012').set(25, '00').set(49, CNY).set(61, `${e.batch}${t.stan}${mmdd(new Date(t.at))}`);
  const rrn = t.rrn?.trim() ?? '';
  if (/^[0-9A-Za-z]{1,12}$/.test(rrn)) f.set(37, rrn.padStart(12, '0'));
  const auth = t.authCode?.trim() ?? '';
  if (/^[0-9A-Za-z ]{1,6}$/.test(auth)) f.set(38, auth.padEnd(6, ' '));
  return { mti: SETTLEMENT_MTI.batchUpload, fields: f };
};

export const batchUploadEndRequest = (e: Envelope, count: number): IsoMessage => {
  const f = base(e, TX_TYPE.network, SETTLEMENT_NMI.uploadEnd);
  f.set(48, String(Math.min(count, 9999)).padStart(4, '0'));
  return { mti: SETTLEMENT_MTI.batchUpload, fields: f };
};

const VERDICT: Record<string, BalanceVerdict> = { '1': 'balanced', '2': 'unbalanced', '3': 'error' };

/** The host's verdict per section from a 0510's field 48; 'error' when the field is missing or malformed. */
export const readSettlementAnswer = (m: IsoMessage): { domestic: BalanceVerdict; foreign: BalanceVerdict; settleDate: string | null } => {
  const f48 = text(m, 48);
  const date = text(m, 15);
  const ok = /^\d{62}$/.test(f48);
  return {
    domestic: ok ? (VERDICT[f48[30] ?? ''] ?? 'error') : 'error',
    foreign: ok ? (VERDICT[f48[61] ?? ''] ?? 'error') : 'error',
    settleDate: /^\d{4}$/.test(date) ? date : null,
  };
};

/** A settlement's field 48 read back (the host side): totals per section. */
export const parseSettlementTotals = (f48: string): { domestic: SettlementTotals; foreign: SettlementTotals } | null => {
  if (!/^\d{62}$/.test(f48)) return null;
  const read = (s: string): SettlementTotals => ({ debitFen: Number(s.slice(0, 12)), debitCount: Number(s.slice(12, 15)), creditFen: Number(s.slice(15, 27)), creditCount: Number(s.slice(27, 30)) });
  return { domestic: read(f48.slice(0, 31)), foreign: read(f48.slice(31, 62)) };
};
