/**
 * Host response codes (ISO 8583 field 39, UnionPay usage) in plain words for the cashier, with
 * what to do next. Unknown codes fall back to a generic "declined" with the code shown.
 */
export interface Explained {
  code: string;
  approved: boolean;
  explanation: { en: string; 'zh-CN': string };
  action: { en: string; 'zh-CN': string };
  /** Worth trying again later with the same card. */
  retryable: boolean;
  /** The terminal must sign on again (keys/MAC). */
  resign: boolean;
}

type Row = [approved: boolean, en: string, zh: string, actionEn: string, actionZh: string, retryable: boolean, resign?: boolean];

const TABLE: Record<string, Row> = {
  '00': [true, 'Approved.', '交易成功。', 'Hand over the receipt.', '请交付签购单。', false],
  '01': [false, 'Refer to the card issuer.', '请持卡人与发卡行联系。', 'Ask the customer to call their bank, or pay another way.', '请顾客联系发卡行，或改用其他支付方式。', false],
  '03': [false, 'Invalid merchant.', '无效商户。', 'Call the acquirer: this terminal is not set up to take cards.', '请联系收单机构：本终端未开通受理。', false],
  '05': [false, 'Do not honour: the bank declined the card.', '发卡行不予承兑。', 'Ask for another card or payment method.', '请顾客换卡或改用其他支付方式。', false],
  '12': [false, 'Invalid transaction for this card.', '无效交易。', 'This card cannot be used for this sale; ask for another card.', '该卡不支持本交易，请换卡。', false],
  '13': [false, 'Invalid amount.', '无效金额。', 'Check the amount and try again.', '请核对金额后重试。', false],
  '14': [false, 'Invalid card number.', '无效卡号。', 'Swipe again; if it repeats, ask for another card.', '请重新刷卡；仍失败请换卡。', false],
  '30': [false, 'Message format error.', '报文格式错误。', 'Try again; if it repeats, call the acquirer.', '请重试；仍失败请联系收单机构。', true],
  '41': [false, 'Lost card: keep the card if it is safe to do so.', '挂失卡，请没收。', 'Do not complete the sale. Follow the shop’s procedure for lost cards.', '不要完成交易，按本店挂失卡流程处理。', false],
  '43': [false, 'Stolen card: keep the card if it is safe to do so.', '被窃卡，请没收。', 'Do not complete the sale. Follow the shop’s procedure for stolen cards.', '不要完成交易，按本店被窃卡流程处理。', false],
  '51': [false, 'Insufficient funds.', '余额不足。', 'Ask for another card or a smaller amount.', '请顾客换卡或减少金额。', false],
  '54': [false, 'Expired card.', '卡已过期。', 'Ask for another card.', '请顾客换卡。', false],
  '55': [false, 'Wrong PIN.', '密码错误。', 'Ask the customer to try the PIN again.', '请顾客重新输入密码。', true],
  '58': [false, 'Transaction not allowed on this terminal.', '终端不允许该交易。', 'Call the acquirer to enable it, or take another payment method.', '请联系收单机构开通，或改用其他支付方式。', false],
  '61': [false, 'Over the card’s amount limit.', '超出金额限制。', 'Ask for a smaller amount or another card.', '请减少金额或换卡。', false],
  '65': [false, 'Over the card’s use limit.', '超出取款/消费次数限制。', 'Ask for another card.', '请顾客换卡。', false],
  '75': [false, 'Too many wrong PIN attempts.', '密码错误次数超限。', 'The card is locked for PIN: ask for another card.', '密码已锁定，请顾客换卡。', false],
  '91': [false, 'Card issuer unavailable.', '发卡行或银联不能操作。', 'Try again in a minute, or take another payment method.', '请稍后重试，或改用其他支付方式。', true],
  '94': [false, 'Duplicate transaction.', '重复交易。', 'Check Transactions: the first attempt may have gone through. Do not charge again.', '请查看交易记录，前一笔可能已成功，切勿重复收款。', false],
  '96': [false, 'System malfunction at the host.', '收单系统故障。', 'Try again in a few minutes.', '请几分钟后重试。', true],
  A0: [false, 'MAC check failed: the terminal keys are out of step.', 'MAC 校验错，终端密钥不同步。', 'Sign on again (Devices → card host), then retry the sale.', '请重新签到后再试。', true, true],
};

export const explainResponse = (code: string): Explained => {
  const row = TABLE[code.toUpperCase()];
  if (!row) {
    return {
      code,
      approved: false,
      explanation: { en: `Declined by the host (code ${code}).`, 'zh-CN': `主机拒绝（应答码 ${code}）。` },
      action: { en: 'Ask for another card or payment method.', 'zh-CN': '请顾客换卡或改用其他支付方式。' },
      retryable: false,
      resign: false,
    };
  }
  const [approved, en, zh, actionEn, actionZh, retryable, resign] = row;
  return { code, approved, explanation: { en, 'zh-CN': zh }, action: { en: actionEn, 'zh-CN': actionZh }, retryable, resign: resign ?? false };
};

export const KNOWN_RESPONSE_CODES = Object.keys(TABLE);
