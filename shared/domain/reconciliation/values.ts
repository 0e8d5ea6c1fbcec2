import type { RowProblemCode } from './problems';

/**
 * Cell values of settlement files and bank statements, read strictly: amounts to integer fen
 * (never through a float), dates and times to the shop's wall clock, card numbers to their last
 * four digits. Each reader returns the value or the problem code the preview shows.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; code: RowProblemCode };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });

const NON_ASCII = /[^ -~\t\r\n]/;
/** NFKC (full-width digits and punctuation to ASCII) only when there is anything to fold: most cells are ASCII. */
export const nfkc = (text: string): string => (NON_ASCII.test(text) ? text.normalize('NFKC') : text);
const bad = <T>(code: RowProblemCode): Read<T> => ({ ok: false, code });

/** Largest amount accepted: 100 million yuan, in fen. */
export const MAX_AMOUNT_FEN = 10_000_000_000;

export type AmountUnit = 'yuan' | 'fen';

/**
 * "1,234.56", "￥1,234.56", "-12.00", "(12.00)", "12.00-", "+5", "1234.5元", "000000012345" (fen);
 * full-width digits and separators too. Thousands separators must sit every three digits.
 * Empty → `amount-empty`. The sign is kept: refunds and bank expenses may be negative.
 */
export const parseAmount = (raw: string, unit: AmountUnit): Read<number> => {
  let t = nfkc(raw).replace(/[\s\u00a0]/g, '');
  if (t === '' || t === '-' || t === '--') return bad('amount-empty');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  t = t.replace(/^(rmb|cny)/i, '').replace(/^[¥￥]/, '').replace(/(元|rmb|cny)$/i, '');
  if (t.startsWith('-') || t.startsWith('+')) {
    negative = negative !== t.startsWith('-');
    t = t.slice(1);
  } else if (t.endsWith('-')) {
    negative = !negative;
    t = t.slice(0, -1);
  }
  t = t.replace(/^[¥￥]/, '');
  if (!/^[\d,]*(\.\d*)?$/.test(t) || !/\d/.test(t)) return bad('amount-invalid');
  const [whole = '', fraction = ''] = t.split('.');
  if (whole.includes(',') && !/^\d{1,3}(,\d{3})*$/.test(whole)) return bad('amount-thousands');
  const digits = whole.replace(/,/g, '');
  let fen: number;
  if (unit === 'fen') {
    if (fraction.replace(/0+$/, '').length > 0) return bad('amount-decimals');
    if (digits.length > 15) return bad('amount-range');
    fen = Number(digits || '0');
  } else {
    if (fraction.length > 2 && /[^0]/.test(fraction.slice(2))) return bad('amount-decimals');
    if (digits.length > 13) return bad('amount-range');
    fen = Number(digits || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  }
  if (fen > MAX_AMOUNT_FEN) return bad('amount-range');
  return ok(negative && fen !== 0 ? -fen : fen);
};

/** A calendar day as 'YYYY-MM-DD'. */
export type Day = string;

const validDay = (y: number, m: number, d: number): Day | null => {
  if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * "2026-11-23", "2026/11/23", "2026.11.23", "20261123", "2026年11月23日", and the same followed by a
 * time ("2026-11-23 10:15:02", "2026-11-23T10:15:02"). `yearHint` completes "11-23" / "1123"
 * (UnionPay files often print MMDD). Returns the day and the time part if there was one.
 */
export const parseDate = (raw: string, yearHint?: number): Read<{ day: Day; time: string | null }> => {
  const t = nfkc(raw).trim();
  if (t === '') return bad('date-empty');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(.+))?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})(?:[\sT]*(\d{6}|\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(t);
  if (m) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return day ? ok({ day, time: m[4]?.trim() ?? null }) : bad('date-invalid');
  }
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (short && yearHint) {
    const day = validDay(yearHint, Number(short[1]), Number(short[2]));
    return day ? ok({ day, time: null }) : bad('date-invalid');
  }
  return bad('date-invalid');
};

/** "10:15:02", "10:15", "101502", "1015", "10时15分02秒" → seconds since midnight. */
export const parseTime = (raw: string): Read<number> => {
  const t = nfkc(raw).trim();
  const m = /^(\d{1,2})[:时](\d{2})(?:[:分](\d{2})(?:\.\d+)?秒?)?$/.exec(t) ?? /^(\d{2})(\d{2})(\d{2})?$/.exec(t);
  if (!m) return bad('time-invalid');
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
  if (h > 23 || mi > 59 || s > 59) return bad('time-invalid');
  return ok(h * 3600 + mi * 60 + s);
};

/** Unix ms of a wall-clock time in the shop's zone (China: UTC+8 all year, no daylight saving). */
export const SHOP_UTC_OFFSET_MINUTES = 8 * 60;

export const wallClockToMs = (day: Day, secondsOfDay: number, offsetMinutes = SHOP_UTC_OFFSET_MINUTES): number => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) + secondsOfDay * 1000 - offsetMinutes * 60_000;
};

/** The shop's calendar day of a moment. */
export const dayOf = (ms: number, offsetMinutes = SHOP_UTC_OFFSET_MINUTES): Day => new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);

/** Whole days from one day to another (b − a). */
export const daysBetween = (a: Day, b: Day): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The last four digits of a card cell: "6222 02** **** 1234", "622202******1234", "**** 1234",
 * "1234". `full` says the cell held a whole card number (13–19 digits): only the last four are kept.
 */
export const lastFourOf = (raw: string): { last4: string | null; full: boolean } => {
  const t = nfkc(raw);
  const digits = t.replace(/[^\d]/g, '');
  const masked = /[*xX•●]/.test(t);
  const last4 = /(\d{4})\D*$/.exec(t)?.[1] ?? null;
  return { last4, full: !masked && digits.length >= 13 && digits.length <= 19 };
};

/** Runs of 13–19 digits (possible card or account numbers) masked to their last four, for raw cells kept for display. */
export const maskLongNumbers = (text: string): string =>
  text.replace(/(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g, (m) => `****${m.replace(/\D/g, '').slice(-4)}`);

export type RowKind = 'sale' | 'void' | 'refund' | 'reversal' | 'other';

const KINDS: ReadonlyArray<[RegExp, RowKind]> = [
  [/撤销|void|cancel/i, 'void'],
  [/退货|退款|refund|return/i, 'refund'],
  [/冲正|reversal/i, 'reversal'],
  [/消费|预授权完成|离线|结算|sale|purchase|payment|pos/i, 'sale'],
];

/** 消费 / 消费撤销 / 退货 / sale / void / refund …; null for a kind the console does not know. */
export const kindOf = (raw: string): RowKind | null => {
  const t = nfkc(raw).trim();
  if (t === '') return null;
  for (const [re, kind] of KINDS) if (re.test(t)) return kind;
  return null;
};

/** Text a spreadsheet would evaluate as a formula (OWASP CSV injection: = + - @, tab, CR). */
export const looksLikeFormula = (text: string): boolean => {
  const c = text.charCodeAt(0);
  // = + - @ tab CR, checked by code first: this runs on every cell of every row.
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return false;
  return !/^[-+]?[\d.,]+$/.test(text.trim());
};
