import type { Align } from './bcd';

/**
 * Field formats. Types: n = numeric, packed BCD; z = track data, packed BCD with '=' as D;
 * an = alphanumeric (and space) in ASCII; ans = printable ASCII, plus GBK bytes (issuer names in
 * field 63) kept byte for byte as latin1; b = binary. Lengths: fixed, LLVAR (1-byte BCD length)
 * or LLLVAR (2-byte BCD length). `max` counts digits (n, z), characters (an, ans) or bytes (b).
 */
export type FieldType = 'n' | 'z' | 'an' | 'ans' | 'b';
export type LengthKind = 'fixed' | 'llvar' | 'lllvar';

export interface FieldSpec {
  readonly field: number;
  readonly name: string;
  readonly type: FieldType;
  readonly length: LengthKind;
  readonly max: number;
  /** Where an odd digit count is padded; default right-aligned for fixed n, left-aligned otherwise. */
  readonly align?: Align;
}

export type FieldSpecTable = ReadonlyMap<number, FieldSpec>;

type Row = [field: number, name: string, type: FieldType, length: LengthKind, max: number, align?: Align];

/**
 * China UnionPay POS terminal fields (中国银联 POS 终端消息域说明, 2002-05, §3 数据元名称及其定义),
 * the subset a magstripe counter terminal sends or may receive, plus a few ISO 8583:1987
 * secondary-bitmap fields (90, 100, 102, 128) some acquirers add. Field 60 is n...017 in the 2002
 * edition; later editions add subfields, so up to 100 digits are accepted.
 */
const ROWS: readonly Row[] = [
  [2, 'primary account number', 'n', 'llvar', 19],
  [3, 'processing code', 'n', 'fixed', 6],
  [4, 'amount, transaction', 'n', 'fixed', 12],
  [11, 'system trace audit number', 'n', 'fixed', 6],
  [12, 'local time hhmmss', 'n', 'fixed', 6],
  [13, 'local date MMDD', 'n', 'fixed', 4],
  [14, 'expiry date YYMM', 'n', 'fixed', 4],
  [15, 'settlement date MMDD', 'n', 'fixed', 4],
  // 22 is left-aligned in UnionPay's layout: "021" is sent as 02 10.
  [22, 'point of service entry mode', 'n', 'fixed', 3, 'left'],
  [23, 'card sequence number', 'n', 'fixed', 3],
  [25, 'point of service condition code', 'n', 'fixed', 2],
  [26, 'point of service PIN capture code', 'n', 'fixed', 2],
  [32, 'acquiring institution id', 'n', 'llvar', 11],
  [35, 'track 2 data', 'z', 'llvar', 37],
  [36, 'track 3 data', 'z', 'lllvar', 104],
  [37, 'retrieval reference number', 'an', 'fixed', 12],
  [38, 'authorization id response', 'an', 'fixed', 6],
  [39, 'response code', 'an', 'fixed', 2],
  [41, 'card acceptor terminal id', 'ans', 'fixed', 8],
  [42, 'card acceptor id', 'ans', 'fixed', 15],
  [44, 'additional response data', 'an', 'llvar', 25],
  [48, 'additional data, private', 'n', 'lllvar', 322],
  [49, 'currency code, transaction', 'an', 'fixed', 3],
  [52, 'PIN data', 'b', 'fixed', 8],
  [53, 'security related control information', 'n', 'fixed', 16],
  [54, 'balance amount', 'an', 'lllvar', 20],
  [55, 'ICC system related data', 'b', 'lllvar', 255],
  [58, 'PBOC electronic data', 'ans', 'lllvar', 100],
  [59, 'reserved, private', 'ans', 'lllvar', 999],
  [60, 'reserved, private (type, batch, network management code)', 'n', 'lllvar', 100],
  [61, 'original message (batch, STAN, date)', 'n', 'lllvar', 29],
  [62, 'reserved, private (terminal keys on sign-on)', 'b', 'lllvar', 512],
  [63, 'reserved, private', 'ans', 'lllvar', 163],
  [64, 'message authentication code', 'b', 'fixed', 8],
  [90, 'original data elements', 'n', 'fixed', 42],
  [100, 'receiving institution id', 'n', 'llvar', 11],
  [102, 'account identification 1', 'ans', 'llvar', 28],
  [128, 'message authentication code (secondary)', 'b', 'fixed', 8],
];

export const UNIONPAY_POS_FIELDS: FieldSpecTable = new Map(
  ROWS.map(([field, name, type, length, max, align]) => [field, { field, name, type, length, max, ...(align ? { align } : {}) }]),
);

export const alignOf = (spec: FieldSpec): Align => spec.align ?? (spec.length === 'fixed' ? 'right' : 'left');
