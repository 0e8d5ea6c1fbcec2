/**
 * Host response codes (ISO 8583 field 39) in plain words, with what the cashier should do.
 * Meanings follow the China UnionPay POS response-code table (中国银联 POS 终端规范, 应答码表);
 * the wording is ours, written for a cashier at the counter, not for a bank.
 *
 * `retryable`: the same sale may be tried again (after a short wait); `resign`: the terminal
 * must sign on again first (its working keys are out of step with the host).
 * Console pseudo codes (no answer, link down, …) contain a dash, so they can never collide with
 * a two-character host code.
 */
export type Bilingual = { en: string; 'zh-CN': string };

export type ResponseCategory = 'approved' | 'declined' | 'refer' | 'pick-up' | 'retry' | 'terminal' | 'security' | 'console';

export interface ResponseCodeInfo {
  code: string;
  approved: boolean;
  category: ResponseCategory;
  explanation: Bilingual;
  action: Bilingual;
  retryable: boolean;
  resign: boolean;
}

type Row = [code: string, category: ResponseCategory, explanationEn: string, explanationZh: string, actionEn: string, actionZh: string, flags?: { retryable?: boolean; resign?: boolean }];

const OTHER_CARD = ['Ask for another card or another way to pay.', '请顾客换一张卡或换一种支付方式。'] as const;
const CALL_ACQUIRER = ['Call the acquirer’s help desk; do not retry this sale.', '请联系收单机构客服，不要重复发起本笔交易。'] as const;
const TRY_LATER = ['Wait a minute and try again; if it repeats, take another card or pay another way.', '稍等一分钟后重试；如仍失败，请换卡或换其他支付方式。'] as const;

const ROWS: readonly Row[] = [
  ['00', 'approved', 'Approved.', '交易成功。', 'Hand over the receipt for signature.', '请顾客在签购单上签名。'],
  ['01', 'refer', 'Refer to the card issuer.', '请持卡人与发卡行联系。', 'Ask the customer to call their bank, or use another card.', '请顾客联系发卡行，或换一张卡。'],
  ['03', 'terminal', 'Invalid merchant: the host does not know this shop.', '无效商户：主机不认识本商户。', ...CALL_ACQUIRER],
  ['04', 'pick-up', 'Pick up the card (issuer instruction).', '没收卡（发卡行要求）。', 'Keep the card only if it is safe to do so, and call the acquirer.', '在安全的前提下留下此卡，并联系收单机构。'],
  ['05', 'declined', 'Not approved by the card issuer (do not honour).', '发卡行不予承兑。', ...OTHER_CARD],
  ['06', 'declined', 'The host reported an error.', '主机报告出错。', ...TRY_LATER, { retryable: true }],
  ['12', 'terminal', 'Invalid transaction: the card or host does not allow this kind of sale.', '无效交易：此卡或主机不支持本类交易。', ...OTHER_CARD],
  ['13', 'declined', 'Invalid amount.', '无效金额。', 'Check the amount and start the sale again.', '请核对金额后重新发起交易。'],
  ['14', 'declined', 'Invalid card number.', '无效卡号。', 'Swipe again; if it repeats, ask for another card.', '请重新刷卡；如仍失败，请换一张卡。'],
  ['15', 'declined', 'No such issuer.', '无此发卡行。', ...OTHER_CARD],
  ['22', 'retry', 'The host suspects a malfunction.', '主机怀疑操作有误。', ...TRY_LATER, { retryable: true }],
  ['25', 'terminal', 'The host could not find the original transaction.', '主机找不到原始交易。', 'Nothing more to do for this transaction; check the transaction list.', '本笔交易无需再处理；请查看交易列表。'],
  ['30', 'terminal', 'Format error: the host could not read the message.', '报文格式错误：主机无法识别。', 'Sign on again and retry; if it repeats, call support.', '请重新签到后重试；如仍失败，请联系技术支持。', { retryable: true, resign: true }],
  ['33', 'pick-up', 'Expired card (pick up).', '过期卡（没收）。', 'Keep the card only if it is safe to do so, and call the acquirer.', '在安全的前提下留下此卡，并联系收单机构。'],
  ['40', 'terminal', 'The host does not support this function.', '主机不支持此功能。', ...CALL_ACQUIRER],
  ['41', 'pick-up', 'Lost card (pick up).', '挂失卡（没收）。', 'Do not accuse the customer; keep the card only if it is safe to do so, and call the acquirer.', '不要指责顾客；在安全的前提下留下此卡，并联系收单机构。'],
  ['43', 'pick-up', 'Stolen card (pick up).', '被窃卡（没收）。', 'Do not accuse the customer; keep the card only if it is safe to do so, and call the acquirer.', '不要指责顾客；在安全的前提下留下此卡，并联系收单机构。'],
  ['51', 'declined', 'Insufficient funds.', '余额不足。', ...OTHER_CARD],
  ['54', 'declined', 'The card has expired.', '卡片已过期。', ...OTHER_CARD],
  ['55', 'declined', 'Incorrect PIN.', '密码错误。', 'Ask the customer to try again, or use another card.', '请顾客重试，或换一张卡。', { retryable: true }],
  ['57', 'declined', 'The cardholder may not make this kind of transaction.', '不允许持卡人进行此类交易。', ...OTHER_CARD],
  ['58', 'terminal', 'This terminal may not make this kind of transaction.', '不允许本终端进行此类交易。', ...CALL_ACQUIRER],
  ['59', 'declined', 'Suspected fraud.', '有作弊嫌疑。', 'Ask for another way to pay; call the acquirer if you are worried.', '请顾客换其他支付方式；如有疑虑请联系收单机构。'],
  ['61', 'declined', 'Over the card’s amount limit.', '超出金额限制。', 'Ask for a smaller amount, another card, or another way to pay.', '请减少金额、换卡或换其他支付方式。'],
  ['62', 'declined', 'Restricted card.', '受限制的卡。', ...OTHER_CARD],
  ['64', 'declined', 'The amount does not match the original transaction.', '金额与原交易不符。', 'Check the original sale and its amount, then try again.', '请核对原交易及金额后重试。'],
  ['65', 'declined', 'Too many transactions on this card today.', '超出消费次数限制。', ...OTHER_CARD],
  ['75', 'declined', 'Too many wrong PIN tries.', '密码错误次数超限。', ...OTHER_CARD],
  ['91', 'retry', 'The card issuer is not available right now.', '发卡行暂时不能处理。', ...TRY_LATER, { retryable: true }],
  ['92', 'retry', 'The host cannot reach the card issuer.', '主机无法连接发卡行。', ...TRY_LATER, { retryable: true }],
  ['94', 'terminal', 'Duplicate transaction: the host has already seen this one.', '重复交易：主机已收到过这笔交易。', 'Do not run the sale again; check the transaction list for the earlier attempt.', '请勿重复收款；请在交易列表中查看之前的那笔。'],
  ['96', 'retry', 'The host has a system malfunction.', '主机系统故障。', ...TRY_LATER, { retryable: true }],
  ['97', 'terminal', 'The host does not know this terminal.', '主机找不到本终端号。', 'Check the terminal and merchant numbers in Settings, then sign on again.', '请在设置中核对终端号和商户号，然后重新签到。', { resign: true }],
  ['98', 'retry', 'The card issuer did not answer the host in time.', '发卡行未及时应答。', ...TRY_LATER, { retryable: true }],
  ['99', 'declined', 'PIN format error.', '密码格式错误。', 'Sign on again and retry; if it repeats, call support.', '请重新签到后重试；如仍失败，请联系技术支持。', { retryable: true, resign: true }],
  ['A0', 'security', 'Security check failed (MAC error): this terminal’s keys are out of step with the host.', '校验错（MAC 错）：终端密钥与主机不一致。', 'Sign on again, then repeat the sale.', '请重新签到，然后重新发起交易。', { retryable: true, resign: true }],
];

/** Console-side pseudo codes: never sent by a host (a host code has two characters). */
export const CONSOLE_CODES = {
  noAnswer: 'no-answer',
  linkDown: 'link-down',
  malformed: 'answer-malformed',
} as const;
export type ConsoleCode = (typeof CONSOLE_CODES)[keyof typeof CONSOLE_CODES];

const CONSOLE_ROWS: readonly Row[] = [
  [
    CONSOLE_CODES.noAnswer,
    'console',
    'The host did not answer: nobody knows yet whether the card was charged.',
    '主机未应答：暂时无法确定是否已扣款。',
    'Do not charge again. The console asks the host and reverses the sale before the next one.',
    '请勿重复收款。收银台会向主机查询，并在下一笔交易前自动冲正。',
  ],
  [CONSOLE_CODES.linkDown, 'console', 'The card host cannot be reached; nothing was sent.', '无法连接收单主机，交易未发出。', 'Check the network cable or router, or accept the sale offline if allowed.', '请检查网线或路由器；如允许，可离线受理。', { retryable: true }],
  [CONSOLE_CODES.malformed, 'console', 'The host’s answer could not be read.', '无法识别主机的应答。', 'Do not charge again; the console resolves this sale with the host.', '请勿重复收款；收银台会与主机核实本笔交易。'],
];

const toInfo = ([code, category, en, zh, actionEn, actionZh, flags]: Row): ResponseCodeInfo => ({
  code,
  approved: category === 'approved',
  category,
  explanation: { en, 'zh-CN': zh },
  action: { en: actionEn, 'zh-CN': actionZh },
  retryable: flags?.retryable ?? false,
  resign: flags?.resign ?? false,
});

export const RESPONSE_CODES: ReadonlyMap<string, ResponseCodeInfo> = new Map([...ROWS, ...CONSOLE_ROWS].map((row) => [row[0], toInfo(row)]));

/** The host codes the table explains (for documentation and tests). */
export const HOST_RESPONSE_CODES: readonly string[] = ROWS.map((r) => r[0]);

/**
 * What a response code means and what to do. Unknown codes get a generic "not approved" entry
 * naming the code, so the cashier always has something to act on.
 */
export const explainResponse = (code: string): ResponseCodeInfo => {
  const known = RESPONSE_CODES.get(code.trim().toUpperCase()) ?? RESPONSE_CODES.get(code);
  if (known) return known;
  return {
    code,
    approved: false,
    category: 'declined',
    explanation: { en: `Not approved (host code ${code}).`, 'zh-CN': `交易未批准（主机应答码 ${code}）。` },
    action: { en: OTHER_CARD[0], 'zh-CN': OTHER_CARD[1] },
    retryable: false,
    resign: false,
  };
};

/** Only 00 approves a sale (UnionPay POS treats every other code as not approved). */
export const isApprovalCode = (code: string): boolean => code === '00';

/**
 * Codes that settle a reversal: 00 (reversed) and 25 (the host has no such original, so there is
 * nothing to reverse). The UnionPay POS specification documents no other; every other answer
 * (a decline such as 05 or 12, a "try later" such as 96, a MAC error) leaves the money question
 * open, so the sale stays unresolved and, for a non-retryable answer, goes to a person.
 */
export const REVERSAL_SETTLED_CODES: readonly string[] = ['00', '25'];

export const reversalSettled = (code: string): boolean => REVERSAL_SETTLED_CODES.includes(code);

/** A reversal answer worth repeating by itself later (try later, sign on again) rather than handing to a person. */
export const reversalRetryable = (code: string): boolean => {
  const info = explainResponse(code);
  return info.retryable || info.resign;
};
