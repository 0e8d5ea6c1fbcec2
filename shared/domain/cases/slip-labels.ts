import type { ReceiptLanguage } from '../receipt/receipt-input';

/**
 * Wording of the slips printed from a case (说明单, the "no such sale" lookup slip): a document
 * handed to the customer prints the same whatever the screen language, in the slip language of
 * Settings → Cases (bilingual prints Chinese then English), like the receipts.
 */
const LABELS = {
  explanationTitle: ['交易说明单', 'TRANSACTION EXPLANATION'],
  lookupTitle: ['交易查询说明', 'TRANSACTION LOOKUP'],
  merchantId: ['商户编号', 'MID'],
  terminalId: ['终端编号', 'TID'],
  caseNo: ['案件编号', 'CASE NO.'],
  caseType: ['异议类型', 'DISPUTE'],
  time: ['交易时间', 'TIME'],
  amount: ['金额', 'AMOUNT'],
  card: ['卡号', 'CARD'],
  authCode: ['授权码', 'AUTH CODE'],
  rrn: ['参考号', 'RRN'],
  hostAnswer: ['主机查询结果', 'HOST ANSWER'],
  recordState: ['本店记录', 'SHOP RECORD'],
  printedAt: ['打印时间', 'PRINTED'],
  searched: ['查询条件', 'SEARCHED FOR'],
  window: ['前后30分钟', '±30 MIN'],
  noSale: ['本店无此交易', 'NO SUCH SALE AT THIS SHOP'],
  noSaleText: ['本店在上述时间、金额和卡号下没有交易记录，扣款可能来自其他商户或为预授权，请向发卡行查询。', 'This shop has no sale at that time, amount and card. The charge may be from another shop or a pre-authorisation: please ask your card issuer.'],
  approved: ['已批准（已扣款）', 'APPROVED (CHARGED)'],
  declined: ['未批准（未扣款）', 'NOT APPROVED (NOT CHARGED)'],
  'not-found': ['主机无此交易（未扣款）', 'NOT AT THE HOST (NOT CHARGED)'],
  notAsked: ['未查询', 'NOT ASKED'],
  textApproved: ['主机确认本笔交易已扣款。', 'The card host confirms this sale was charged.'],
  textReversed: ['本笔交易已冲正或退货，款项由发卡行退回至原卡。', 'This sale was reversed or refunded; the issuer returns the money to the card.'],
  textNotCharged: ['主机确认本笔交易未扣款；如账户显示冻结，将由发卡行自动解除。', 'The card host confirms no charge; any hold shown by the bank is released by the issuer.'],
  contact: ['如有疑问请联系本店', 'Questions? Please contact the shop'],
  stateApproved: ['成功', 'APPROVED'],
  stateReversed: ['已冲正', 'REVERSED'],
  stateRefunded: ['已退货', 'REFUNDED'],
  stateVoided: ['已撤销', 'VOIDED'],
  stateFailed: ['失败', 'FAILED'],
  'failed-but-charged': ['交易失败但已扣款', 'FAILED BUT CHARGED'],
  'wrong-amount': ['金额不符', 'WRONG AMOUNT'],
  'duplicate-charge': ['重复扣款', 'DUPLICATE CHARGE'],
  'refund-not-received': ['退款未到账', 'REFUND NOT RECEIVED'],
  'not-recognised': ['持卡人否认交易', 'NOT RECOGNISED'],
  'card-info-error': ['卡信息错误', 'CARD INFORMATION ERROR'],
  'system-fault': ['系统故障', 'SYSTEM FAULT'],
  'retrieval-request': ['调单', 'RETRIEVAL REQUEST'],
  chargeback: ['拒付', 'CHARGEBACK'],
  unsigned: ['未签名', 'UNSIGNED'],
  other: ['其他', 'OTHER'],
} as const satisfies Record<string, readonly [string, string]>;

export type SlipLabelKey = keyof typeof LABELS;

export const slipLabel = (key: SlipLabelKey, language: ReceiptLanguage): string => {
  const [zh, en] = LABELS[key];
  if (language === 'zh-CN') return zh;
  if (language === 'en') return en;
  return `${zh} ${en}`;
};
