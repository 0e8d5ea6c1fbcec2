/**
 * The columns an import understands, and the headings acquirers and banks give them. A mapping
 * profile says which column of a file holds which field; the guess below proposes one from the
 * headings and the user confirms it on the preview.
 */
export const FIELDS = [
  'date',
  'time',
  'settleDate',
  'amount',
  'income',
  'expense',
  'fee',
  'net',
  'rrn',
  'terminal',
  'merchant',
  'batch',
  'trace',
  'card',
  'kind',
  'auth',
  'memo',
  'balance',
  'direction',
] as const;
export type Field = (typeof FIELDS)[number];

export type SourceKind = 'acquirer' | 'bank';

/** Headings per field, compared after `normalizeHeading`. Longer ones are tried first. */
const SYNONYMS: Record<Field, readonly string[]> = {
  date: ['交易日期', '日期', '记账日期', '交易日', 'transdate', 'transactiondate', 'txndate', 'date', 'bookingdate', 'postingdate'],
  time: ['交易时间', '时间', '交易日期时间', '交易发生时间', 'transtime', 'transactiontime', 'txntime', 'time', 'datetime'],
  settleDate: ['清算日期', '结算日期', '入账日期', '起息日', '起息日期', 'settlementdate', 'settledate', 'valuedate'],
  amount: ['交易金额', '金额', '发生额', '交易本金', 'amount', 'transactionamount', 'transamount', 'txnamount', 'amt'],
  income: ['收入', '收入金额', '贷方金额', '贷方发生额', '存入', '存入金额', '入账金额收入', 'credit', 'creditamount', 'deposit', 'deposits', 'income', 'moneyin', 'paidin'],
  expense: ['支出', '支出金额', '借方金额', '借方发生额', '取出', '支取金额', 'debit', 'debitamount', 'withdrawal', 'withdrawals', 'expense', 'moneyout', 'paidout'],
  fee: ['手续费', '手续费金额', '商户手续费', '交易手续费', 'fee', 'fees', 'commission', 'mdr', 'merchantfee'],
  net: ['清算金额', '结算金额', '入账金额', '净额', '应结金额', '划款金额', 'net', 'netamount', 'settlementamount', 'settledamount'],
  rrn: ['参考号', '检索参考号', '系统参考号', '交易参考号', '参考编号', 'rrn', 'referenceno', 'referencenumber', 'retrievalreferencenumber', 'retrievalreference', 'refno'],
  terminal: ['终端号', '终端编号', '终端代码', 'terminal', 'terminalid', 'terminalno', 'tid'],
  merchant: ['商户号', '商户编号', '商户代码', 'merchantid', 'merchantno', 'mid'],
  batch: ['批次号', '批次', '批号', 'batch', 'batchno', 'batchnumber'],
  trace: ['凭证号', '流水号', '系统跟踪号', '终端流水号', '凭证流水号', '交易流水号', 'trace', 'traceno', 'stan', 'voucherno', 'voucher'],
  card: ['卡号', '交易卡号', '卡号后四位', '银行卡号', '卡号末四位', 'cardno', 'cardnumber', 'pan', 'card', 'last4'],
  kind: ['交易类型', '类型', '交易种类', '业务类型', 'transactiontype', 'transtype', 'txntype', 'type'],
  auth: ['授权码', '授权号', 'authcode', 'authorizationcode', 'approvalcode'],
  memo: ['摘要', '用途', '备注', '附言', '交易摘要', '交易用途', '对方户名', '对方账户名称', 'summary', 'memo', 'description', 'remarks', 'narrative', 'counterparty'],
  balance: ['余额', '账户余额', '当前余额', 'balance', 'runningbalance'],
  direction: ['借贷标志', '借贷方向', '收支标志', '收支方向', '借贷', '方向', 'drcr', 'dc', 'debitcredit', 'creditdebit', 'direction'],
};

/** Unit hints in a heading: 交易金额(元), Amount (fen). */
const UNIT = /[(（[]\s*(元|分|人民币元|rmb|cny|yuan|fen)\s*[)）\]]|(?<=金额|amount)\s*(元|分)$/i;

/** Lower case, NFKC (full-width to half-width), unit hints and punctuation and spaces removed. */
export const normalizeHeading = (heading: string): string =>
  heading
    .normalize('NFKC')
    .toLowerCase()
    .replace(UNIT, '')
    .replace(/[\s_\-./:：()（）[\]【】#*]+/g, '');

/** 'fen' or 'yuan' when the heading says so, else null. */
export const unitOfHeading = (heading: string): 'fen' | 'yuan' | null => {
  const m = UNIT.exec(heading.normalize('NFKC'));
  const u = (m?.[1] ?? m?.[2] ?? '').toLowerCase();
  if (u === '分' || u === 'fen') return 'fen';
  if (u) return 'yuan';
  return null;
};

const EXACT = new Map<string, Field>();
for (const field of FIELDS) for (const s of SYNONYMS[field]) if (!EXACT.has(s)) EXACT.set(s, field);
/** For headings that only contain a synonym (交易金额合计 …): longest first, so 手续费金额 is a fee. */
const CONTAINS = [...EXACT.entries()].filter(([s]) => s.length >= 2).sort((a, b) => b[0].length - a[0].length);

/** The field a heading names, or null. */
export const fieldOfHeading = (heading: string): Field | null => {
  const h = normalizeHeading(heading);
  if (!h) return null;
  const exact = EXACT.get(h);
  if (exact) return exact;
  if (h.length > 24) return null;
  for (const [s, field] of CONTAINS) if (s.length >= 3 && h.includes(s)) return field;
  return null;
};

/** How many cells of a row look like headings (the header row scores highest). */
export const headingScore = (cells: readonly string[]): number => {
  const seen = new Set<Field>();
  for (const c of cells) {
    const f = fieldOfHeading(c);
    if (f) seen.add(f);
  }
  return seen.size;
};

/** The headings in a stable, comparable form: a saved mapping is reused when a new file has the same. */
export const headerSignature = (header: readonly string[]): string => header.map(normalizeHeading).join('|');
