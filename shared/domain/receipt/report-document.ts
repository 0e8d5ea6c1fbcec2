import { formatRmb } from '../money';
import { redactCardData } from '../redact';
import type { ReportData } from '../reports/report-data';
import { receiptHeader } from './build-receipt';
import { brandName } from './labels';
import { centre, displayWidth, escapeText, left, pairLines, receiptColumns, ruleLine } from './markup';
import type { ReceiptLanguage } from './receipt-input';
import { formatReceiptTime } from './receipt-time';
import { reportLabel } from './report-labels';
import type { ReportLabelKey } from './report-labels';

/**
 * End-of-day documents as receiptline markup, printed through the same encoder and printers as
 * the receipts (printer:print) and previewed the same way: the settlement slip (结算单), the daily
 * report (日结报表) and the shift report (交班报表). Built only from the stored ReportData, so a
 * reprint is the same document with a REPRINT n stamp. Free text (shop, operator names) is escaped.
 */
export interface ReportDocumentInput {
  data: ReportData;
  shopName: string;
  merchantId: string;
  terminalId: string;
  paper: 58 | 80;
  dotsPerLine?: number;
  language: ReceiptLanguage;
  timeZone: string;
  printedAt: number;
  /** 1, 2, … for a reprint; null for the first print. */
  reprint: number | null;
}

const free = (text: string): string => escapeText(redactCardData(text));
const signed = (fen: number, negative: boolean): string => `${negative && fen !== 0 ? '-' : ''}${formatRmb(fen)}`;

export const buildReportDocument = (input: ReportDocumentInput): string => {
  const { data: d, language: lang } = input;
  const columns = receiptColumns(input.paper, input.dotsPerLine);
  const l = (key: ReportLabelKey): string => reportLabel(key, lang);
  const lines: string[] = [receiptHeader(columns)];
  const pair = (label: string, value: string): void => {
    lines.push(...pairLines(label, value, columns));
  };
  // "消费 SALE 3笔 … ￥123.45": the count after the label, 笔 unless the slip is English only.
  const counted = (label: string, count: number, value: string): void => pair(`${label} ${count}${lang === 'en' ? '' : reportLabel('count', 'zh-CN')}`, value);
  const time = (ms: number): string => formatReceiptTime(ms, input.timeZone);
  const banner = (text: string): string => centre(`\`${escapeText(` ${text} `)}\``);

  lines.push(displayWidth(input.shopName) * 2 <= columns ? centre(`^^^${free(input.shopName)}`) : centre(`^^${free(input.shopName)}`));
  lines.push(centre(`"${escapeText(l(d.kind === 'settlement' ? 'settlementTitle' : d.kind === 'daily' ? 'dailyTitle' : 'shiftTitle'))}"`));
  if (input.reprint) lines.push(banner(`${l('reprint')} ${input.reprint}`));
  lines.push(ruleLine(columns));
  pair(l('merchantId'), input.merchantId || '\u2014');
  pair(l('terminalId'), input.terminalId || '\u2014');
  if (d.batch) pair(l('batch'), d.batch);
  if (d.day) pair(l('day'), d.day);
  if (d.operator) lines.push(...pairLines(l('operator'), redactCardData(d.operator.name) || '\u2014', columns));
  if (d.from !== null) pair(l('period'), `${time(d.from).slice(11)}\u2013${time(d.to).slice(11)}`);
  pair(d.kind === 'settlement' ? l('settledAt') : l('printedAt'), time(d.kind === 'settlement' ? d.to : input.printedAt));
  lines.push(ruleLine(columns));

  if (d.lines.length === 0) lines.push(centre(escapeText(l('none'))));
  let brand = '';
  for (const line of d.lines) {
    if (line.brand !== brand) {
      brand = line.brand;
      lines.push(left(`"${escapeText(brandName(brand, lang))}"`));
    }
    counted(l(line.kind), line.count, signed(line.fen, line.kind !== 'sale'));
  }
  lines.push(ruleLine(columns));
  counted(l('debit'), d.debit.count, formatRmb(d.debit.fen));
  counted(l('credit'), d.credit.count, signed(d.credit.fen, true));
  pair(l('net'), signed(Math.abs(d.netFen), d.netFen < 0));
  lines.push(ruleLine(columns));
  counted(l('voids'), d.voids.count, signed(d.voids.fen, true));
  counted(l('refunds'), d.refunds.count, signed(d.refunds.fen, true));
  counted(l('offlineForwarded'), d.offlineForwarded.count, formatRmb(d.offlineForwarded.fen));
  if (d.offlinePending.count > 0) counted(l('offlinePending'), d.offlinePending.count, formatRmb(d.offlinePending.fen));
  counted(l('declined'), d.declined.count, formatRmb(d.declined.fen));
  pair(l('unsigned'), String(d.unsigned));
  if (d.notPrinted !== null) pair(l('notPrinted'), String(d.notPrinted));
  if (d.openCases !== null) pair(l('openCases'), String(d.openCases));

  if (d.host) {
    lines.push(ruleLine(columns));
    const verdict = (v: string): string => l(v === 'balanced' ? 'balanced' : v === 'unbalanced' ? 'unbalanced' : 'error');
    pair(l('hostResult'), d.host.outcome === 'balanced' ? l('balanced') : l('unbalanced'));
    pair(l('domestic'), verdict(d.host.domestic));
    pair(l('foreign'), verdict(d.host.foreign));
    if (d.host.outcome === 'uploaded') pair(l('uploaded'), String(d.host.uploaded));
    if (d.host.settleDate) pair(l('settleDate'), d.host.settleDate);
  }
  if (d.openAtClose && (d.openAtClose.offline || d.openAtClose.unresolved || d.openAtClose.unsigned)) {
    lines.push(left(escapeText(`${l('openAtClose')}:`)));
    pair(l('offlinePending'), String(d.openAtClose.offline));
    pair(l('unresolved'), String(d.openAtClose.unresolved));
    pair(l('unsigned'), String(d.openAtClose.unsigned));
  }
  if (d.kind === 'daily' && d.byOperator.length > 0) {
    lines.push(ruleLine(columns), left(`"${escapeText(l('byOperator'))}"`));
    for (const op of d.byOperator) {
      lines.push(left(free(op.name || op.operatorId)));
      counted(`  ${l('sale')}`, op.sales.count, formatRmb(op.sales.fen));
      if (op.voids.count) counted(`  ${l('void')}`, op.voids.count, signed(op.voids.fen, true));
      if (op.refunds.count) counted(`  ${l('refund')}`, op.refunds.count, signed(op.refunds.fen, true));
    }
  }
  if (d.kind === 'shift') lines.push('', left(escapeText(`${l('signOff')}:`)), '', left('\\_'.repeat(columns)));
  if (input.reprint) lines.push(banner(`${l('reprint')} ${input.reprint}`));
  lines.push('', '');
  return `${lines.join('\n')}\n`;
};
