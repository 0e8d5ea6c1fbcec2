import type { ReceiptLanguage } from './receipt-input';

/**
 * Wording of the end-of-day documents (settlement slip, daily and shift reports), kept beside the
 * receipt's labels for the same reason: a document of record prints the same whatever the screen
 * language; bilingual prints Chinese then English.
 */
const LABELS = {
  settlementTitle: ['结算单', 'SETTLEMENT'],
  dailyTitle: ['日结报表', 'DAILY REPORT'],
  shiftTitle: ['交班报表', 'SHIFT REPORT'],
  reprint: ['重打印', 'REPRINT'],
  merchantId: ['商户编号', 'MID'],
  terminalId: ['终端编号', 'TID'],
  batch: ['批次号', 'BATCH'],
  day: ['日期', 'DATE'],
  operator: ['操作员', 'OPERATOR'],
  settledAt: ['结算时间', 'SETTLED'],
  printedAt: ['打印时间', 'PRINTED'],
  period: ['统计区间', 'PERIOD'],
  sale: ['消费', 'SALE'],
  void: ['撤销', 'VOID'],
  refund: ['退货', 'REFUND'],
  debit: ['借记合计', 'DEBITS'],
  credit: ['贷记合计', 'CREDITS'],
  net: ['净额', 'NET'],
  voids: ['撤销', 'VOIDS'],
  refunds: ['退货', 'REFUNDS'],
  offlineForwarded: ['离线已上送', 'OFFLINE SENT'],
  offlinePending: ['离线待上送', 'OFFLINE WAITING'],
  declined: ['拒绝', 'DECLINED'],
  unsigned: ['未签名', 'UNSIGNED'],
  notPrinted: ['未打印', 'NOT PRINTED'],
  openCases: ['未结争议', 'OPEN CASES'],
  none: ['无交易', 'NO TRANSACTIONS'],
  hostResult: ['对账结果', 'HOST RESULT'],
  balanced: ['对账平', 'BALANCED'],
  unbalanced: ['对账不平', 'NOT BALANCED'],
  error: ['对账出错', 'ERROR'],
  uploaded: ['已批上送', 'UPLOADED'],
  domestic: ['内卡', 'DOMESTIC'],
  foreign: ['外卡', 'FOREIGN'],
  settleDate: ['清算日期', 'SETTLE DATE'],
  openAtClose: ['结算时未完成', 'OPEN AT CLOSE'],
  unresolved: ['结果未明', 'UNRESOLVED'],
  byOperator: ['按操作员', 'BY OPERATOR'],
  count: ['笔', ''],
  signOff: ['交班人签字', 'SIGNED OFF BY'],
} as const satisfies Record<string, readonly [string, string]>;

export type ReportLabelKey = keyof typeof LABELS;

export const reportLabel = (key: ReportLabelKey, language: ReceiptLanguage): string => {
  const [zh, en] = LABELS[key];
  if (language === 'zh-CN' || en === '') return zh;
  if (language === 'en') return en;
  return `${zh} ${en}`;
};
