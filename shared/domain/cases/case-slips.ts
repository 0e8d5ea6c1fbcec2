import { formatRmb } from '../money';
import { redactCardData } from '../redact';
import { receiptHeader } from '../receipt/build-receipt';
import { centre, escapeText, left, pairLines, receiptColumns, ruleLine, wrapText } from '../receipt/markup';
import type { ReceiptLanguage } from '../receipt/receipt-input';
import { formatReceiptTime } from '../receipt/receipt-time';
import type { CaseType } from './case-types';
import { slipLabel } from './slip-labels';
import type { SlipLabelKey } from './slip-labels';

/**
 * Slips printed from a case as receiptline markup, through the same encoder, printers and journal as
 * the receipts: the explanation slip (说明单: each sale's facts and its true state as the host
 * answered) and the lookup slip ("no such sale here" for a bank SMS that matches nothing). Card
 * numbers appear as the last 4 only; free text is escaped and redacted.
 */
export interface SlipShop {
  shopName: string;
  merchantId: string;
  terminalId: string;
  paper: 58 | 80;
  dotsPerLine?: number;
  language: ReceiptLanguage;
  timeZone: string;
  printedAt: number;
}

export interface SlipSale {
  time: number;
  amountFen: number;
  last4: string;
  authCode: string | null;
  rrn: string | null;
  /** The shop's record: approved, reversed, refunded (a refund approved), voided, or failed. */
  record: 'approved' | 'reversed' | 'refunded' | 'voided' | 'failed';
  /** The host's answer to a status inquiry made from the case, or null when not asked. */
  host: 'approved' | 'declined' | 'not-found' | null;
}

const RECORD_LABEL: Record<SlipSale['record'], SlipLabelKey> = { approved: 'stateApproved', reversed: 'stateReversed', refunded: 'stateRefunded', voided: 'stateVoided', failed: 'stateFailed' };

const frame = (shop: SlipShop, title: SlipLabelKey) => {
  const columns = receiptColumns(shop.paper, shop.dotsPerLine);
  const l = (key: SlipLabelKey): string => slipLabel(key, shop.language);
  const lines: string[] = [receiptHeader(columns), centre(`^^${escapeText(redactCardData(shop.shopName))}`), centre(`"${escapeText(l(title))}"`), ruleLine(columns)];
  const pair = (label: string, value: string): void => {
    lines.push(...pairLines(label, value, columns));
  };
  pair(l('merchantId'), shop.merchantId || '\u2014');
  pair(l('terminalId'), shop.terminalId || '\u2014');
  const para = (text: string): void => {
    for (const line of wrapText(text, columns)) lines.push(left(escapeText(line)));
  };
  const end = (): string => {
    lines.push(ruleLine(columns));
    pair(l('printedAt'), formatReceiptTime(shop.printedAt, shop.timeZone));
    lines.push(centre(escapeText(l('contact'))), '', '');
    return `${lines.join('\n')}\n`;
  };
  return { lines, l, pair, para, end, columns };
};

/** Which explanation a sale gets: what the host said, else what the record says. */
const explanation = (s: SlipSale): SlipLabelKey => {
  if (s.record === 'reversed' || s.record === 'refunded' || s.record === 'voided') return 'textReversed';
  if (s.host === 'approved' || (s.host === null && s.record === 'approved')) return 'textApproved';
  return 'textNotCharged';
};

export const buildExplanationSlip = (shop: SlipShop, c: { caseNo: string; type: CaseType; sales: SlipSale[] }): string => {
  const { lines, l, pair, para, end, columns } = frame(shop, 'explanationTitle');
  pair(l('caseNo'), c.caseNo);
  pair(l('caseType'), l(c.type));
  for (const s of c.sales) {
    lines.push(ruleLine(columns));
    pair(l('time'), formatReceiptTime(s.time, shop.timeZone));
    pair(l('amount'), formatRmb(s.amountFen));
    pair(l('card'), `**** ${s.last4 || '----'}`);
    pair(l('authCode'), s.authCode ?? '\u2014');
    pair(l('rrn'), s.rrn ?? '\u2014');
    pair(l('recordState'), l(RECORD_LABEL[s.record]));
    pair(l('hostAnswer'), l(s.host ?? 'notAsked'));
    para(l(explanation(s)));
  }
  return end();
};

export const buildLookupSlip = (shop: SlipShop, q: { at: number; amountFen: number; last4: string }): string => {
  const { lines, l, pair, para, end, columns } = frame(shop, 'lookupTitle');
  lines.push(left(`"${escapeText(l('searched'))}"`));
  pair(l('time'), `${formatReceiptTime(q.at, shop.timeZone)} ${l('window')}`);
  pair(l('amount'), formatRmb(q.amountFen));
  pair(l('card'), `**** ${q.last4}`);
  lines.push(ruleLine(columns), centre(`"${escapeText(l('noSale'))}"`));
  para(l('noSaleText'));
  return end();
};
