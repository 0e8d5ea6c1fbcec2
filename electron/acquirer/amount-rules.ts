/**
 * The training host's outcomes, decided by the amount's last two digits (fen % 100). Both the
 * in-process `SimulatedAcquirer` and the TCP host simulator (test/host-sim) follow this table,
 * so a sale behaves the same in training and over ISO 8583 on loopback.
 *
 * Sales follow every row. An offline sale forwarded later (advice) follows the decline rows
 * except A0, and is always answered (so the queue drains). Refunds and voids are approved.
 */
export type AmountRule =
  | { kind: 'approve' }
  | { kind: 'decline'; code: string }
  /** The request never reaches the host: no answer, and inquiry finds nothing. */
  | { kind: 'lost-request' }
  /** The host approves and books it, but the answer is lost: no answer; inquiry finds the approval. */
  | { kind: 'lost-answer' };

export interface AmountRow {
  /** Last two digits of the amount in fen. */
  ending: string;
  rule: AmountRule;
  en: string;
  zh: string;
}

export const AMOUNT_TABLE: readonly AmountRow[] = [
  { ending: '05', rule: { kind: 'decline', code: '05' }, en: 'declined 05, do not honour', zh: '拒绝 05，不予承兑' },
  { ending: '13', rule: { kind: 'decline', code: 'A0' }, en: 'A0, MAC error: sign on again (the console re-signs by itself)', zh: 'A0，MAC 错误：需重新签到（收银台自动重签）' },
  { ending: '14', rule: { kind: 'decline', code: '14' }, en: 'declined 14, invalid card number', zh: '拒绝 14，无效卡号' },
  { ending: '51', rule: { kind: 'decline', code: '51' }, en: 'declined 51, insufficient funds', zh: '拒绝 51，余额不足' },
  { ending: '54', rule: { kind: 'decline', code: '54' }, en: 'declined 54, expired card', zh: '拒绝 54，卡已过期' },
  { ending: '61', rule: { kind: 'decline', code: '61' }, en: 'declined 61, over the amount limit', zh: '拒绝 61，超出金额限制' },
  { ending: '91', rule: { kind: 'decline', code: '91' }, en: '91, issuer unavailable (try later)', zh: '91，发卡行不能操作（稍后重试）' },
  { ending: '96', rule: { kind: 'decline', code: '96' }, en: '96, system malfunction (try later)', zh: '96，系统故障（稍后重试）' },
  { ending: '98', rule: { kind: 'lost-request' }, en: 'no answer: the request never reached the host (inquiry: not found; reversed anyway)', zh: '无应答：请求未到达主机（查询：无此交易；仍会冲正）' },
  { ending: '99', rule: { kind: 'lost-answer' }, en: 'no answer: approved at the host but the answer is lost (inquiry: approved; the console reverses it)', zh: '无应答：主机已批准但应答丢失（查询：已批准；收银台自动冲正）' },
];

const BY_ENDING = new Map(AMOUNT_TABLE.map((row) => [row.ending, row.rule]));

export type MessageKind = 'sale' | 'advice' | 'refund' | 'void';

export const ruleFor = (amountFen: number, kind: MessageKind = 'sale'): AmountRule => {
  if (kind === 'refund' || kind === 'void') return { kind: 'approve' };
  const rule = BY_ENDING.get(String(amountFen % 100).padStart(2, '0')) ?? { kind: 'approve' };
  if (kind === 'advice' && (rule.kind !== 'decline' || rule.code === 'A0')) return { kind: 'approve' };
  return rule;
};

/** The table as Markdown, for the README (`npx tsx -e` prints it, see the report). */
export const amountTableMarkdown = (): string =>
  [
    '| amount ends in (fen) | outcome | 结果 |',
    '|---|---|---|',
    ...AMOUNT_TABLE.map((r) => `| .${r.ending} (e.g. ￥10.${r.ending}) | ${r.en} | ${r.zh} |`),
    '| anything else | approved 00, with an auth code and RRN | 批准 00，附授权码和参考号 |',
  ].join('\n');
