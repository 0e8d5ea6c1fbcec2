import iconv from 'iconv-lite';
import { displayWidth } from '../../shared/domain/receipt/markup';

/**
 * Writers of the three settlement layouts the import must read, as acquirers and banks in China
 * produce them. Used by `generate.ts` (the committed fixtures) and by the end-to-end test (files
 * made from the sales it has just rung up). Rows are given complete; tests change them (drop one,
 * change an amount) to make each kind of mismatch on purpose.
 */
export interface SettlementLine {
  /** Unix ms of the transaction. */
  at: number;
  kind: 'sale' | 'void' | 'refund';
  /** Positive fen; voids and refunds are printed as the layout does. */
  amountFen: number;
  feeFen: number;
  terminal: string;
  merchant: string;
  batch: string;
  trace: string;
  rrn: string;
  auth: string;
  last4: string;
  /** Card BIN for the masked number (622202 when unknown). */
  bin?: string;
}

export interface BankLine {
  at: number;
  memo: string;
  incomeFen: number;
  expenseFen: number;
  counterparty: string;
}

export interface FileHeader {
  shopName: string;
  merchantId: string;
  /** 'YYYY-MM-DD' the acquirer settled. */
  settleDay: string;
}

const SHANGHAI = 8 * 3600_000;
const parts = (ms: number): { ymd: string; day: string; hms: string; time: string } => {
  const iso = new Date(ms + SHANGHAI).toISOString();
  return { ymd: iso.slice(0, 10).replace(/-/g, ''), day: iso.slice(0, 10), hms: iso.slice(11, 19).replace(/:/g, ''), time: iso.slice(11, 19) };
};
const yuan = (fen: number, thousands = false): string => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100));
  return `${sign}${thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole}.${String(abs % 100).padStart(2, '0')}`;
};
const fen12 = (fen: number): string => String(fen).padStart(12, '0');
const signed = (l: SettlementLine): number => (l.kind === 'sale' ? l.amountFen : -l.amountFen);
const net = (l: SettlementLine): number => signed(l) - (l.kind === 'sale' ? l.feeFen : -l.feeFen);
const kindZh = { sale: '消费', void: '消费撤销', refund: '退货' } as const;
const masked = (l: SettlementLine): string => `${l.bin ?? '622202'}******${l.last4}`;

/** Left-aligned to a display width (a Chinese character takes two columns, as it takes two GBK bytes). */
const padTo = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * A UnionPay-style merchant detail file (银联商户交易明细): fixed-width text in GBK, amounts in fen
 * as 12 zero-padded digits, a title block above and a 合计 line below.
 */
export const unionPayFixedWidth = (h: FileHeader, lines: readonly SettlementLine[]): Uint8Array => {
  const cols: Array<[string, number, (l: SettlementLine) => string]> = [
    ['交易日期', 8, (l) => parts(l.at).ymd],
    ['交易时间', 8, (l) => parts(l.at).hms],
    ['终端号', 8, (l) => l.terminal],
    ['批次号', 6, (l) => l.batch],
    ['凭证号', 6, (l) => l.trace],
    ['卡号', 16, masked],
    ['交易类型', 8, (l) => kindZh[l.kind]],
    ['交易金额', 12, (l) => fen12(l.amountFen)],
    ['手续费', 12, (l) => fen12(l.feeFen)],
    ['清算金额', 12, (l) => fen12(Math.abs(net(l)))],
    ['参考号', 12, (l) => l.rrn],
    ['授权码', 6, (l) => l.auth],
  ];
  const row = (cells: string[]): string => cells.map((c, i) => padTo(c, cols[i]![1])).join('  ').trimEnd();
  const text = [
    `${' '.repeat(24)}银联商户交易明细对账文件`,
    `商户编号：${h.merchantId}    商户名称：${h.shopName}    清算日期：${h.settleDay.replace(/-/g, '')}`,
    '',
    row(cols.map((c) => c[0])),
    ...lines.map((l) => row(cols.map((c) => c[2](l)))),
    `合计  笔数：${lines.length}  交易金额：${fen12(lines.reduce((t, l) => t + l.amountFen, 0))}`,
    '',
  ].join('\r\n');
  return Uint8Array.from(iconv.encode(text, 'gbk'));
};

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** An acquirer's settlement CSV in GBK: title rows, yuan with thousands separators, a 合计 footer. */
export const acquirerCsvGbk = (h: FileHeader, lines: readonly SettlementLine[]): Uint8Array => {
  const header = ['交易日期', '交易时间', '终端号', '商户号', '批次号', '流水号', '卡号', '交易类型', '交易金额(元)', '手续费(元)', '结算金额(元)', '参考号'];
  const rows = lines.map((l) => [
    parts(l.at).day,
    parts(l.at).time,
    l.terminal,
    l.merchant,
    l.batch,
    l.trace,
    `${(l.bin ?? '622202').slice(0, 4)} ${(l.bin ?? '622202').slice(4)}** **** ${l.last4}`,
    kindZh[l.kind],
    yuan(signed(l), true),
    yuan(l.kind === 'sale' ? l.feeFen : -l.feeFen, true),
    yuan(net(l), true),
    l.rrn,
  ]);
  const sum = (f: (l: SettlementLine) => number): string => yuan(lines.reduce((t, l) => t + f(l), 0), true);
  const text = [
    ['商户对账单'],
    [`商户名称：${h.shopName}`, `商户号：${h.merchantId}`],
    [`统计期间：${h.settleDay} 至 ${h.settleDay}`],
    header,
    ...rows,
    ['合计', `${lines.length}笔`, '', '', '', '', '', '', sum(signed), sum((l) => (l.kind === 'sale' ? l.feeFen : -l.feeFen)), sum(net), ''],
  ]
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');
  return Uint8Array.from(iconv.encode(`${text}\r\n`, 'gbk'));
};

/** A bank statement CSV in UTF-8 with a BOM, income and expense in separate columns. */
export const bankCsvUtf8Bom = (account: string, lines: readonly BankLine[], openingFen: number): Uint8Array => {
  let balance = openingFen;
  const rows = lines.map((l) => {
    balance += l.incomeFen - l.expenseFen;
    return [parts(l.at).day, parts(l.at).time, l.memo, l.incomeFen ? yuan(l.incomeFen, true) : '', l.expenseFen ? yuan(l.expenseFen, true) : '', yuan(balance, true), l.counterparty];
  });
  const text = [['账户交易明细'], [`账号：${account}`, '币种：人民币'], ['交易日期', '交易时间', '摘要', '收入金额', '支出金额', '余额', '对方户名'], ...rows]
    .map((r) => r.map(csvCell).join(','))
    .join('\n');
  return Uint8Array.from(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\n`, 'utf8')]));
};

/** The same statement as Excel's "Unicode text": UTF-16LE with a BOM, tab-separated. */
export const bankTabUtf16 = (account: string, lines: readonly BankLine[], openingFen: number): Uint8Array => {
  const csv = Buffer.from(bankCsvUtf8Bom(account, lines, openingFen)).subarray(3).toString('utf8');
  const tsv = csv
    .split('\n')
    .map((line) => line.replace(/"([^"]*)"|,/g, (m, inner: string | undefined) => (inner === undefined ? '\t' : inner)))
    .join('\r\n');
  return Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]));
};

/** The acquirer's fee at a rate in basis points, rounded half up (0.6% → 60). */
export const feeAt = (amountFen: number, rateBp: number): number => Math.floor((amountFen * rateBp + 5000) / 10_000);

/** What the acquirer pays out: Σ net of the lines (sales less fees, less voids and refunds). */
export const netOf = (lines: readonly SettlementLine[]): number => lines.reduce((t, l) => t + net(l), 0);
