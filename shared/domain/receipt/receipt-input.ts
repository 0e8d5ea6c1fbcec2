import { z } from 'zod';
import { DEFAULT_TIME_ZONE, TIME_ZONES } from '../time-zone';

/**
 * What a receipt is built from. Card data is the last four digits only — never the PAN, BIN
 * or expiry (RULES 3) — and the schema makes anything else impossible to pass.
 */
export const ReceiptLanguage = z.enum(['zh-CN', 'en', 'bilingual']);
export type ReceiptLanguage = z.infer<typeof ReceiptLanguage>;

export const ReceiptCopy = z.enum(['merchant', 'customer', 'supplementary', 'test']);
export type ReceiptCopy = z.infer<typeof ReceiptCopy>;

const Point = z.object({ x: z.number().finite(), y: z.number().finite() });

export const ReceiptSignature = z.discriminatedUnion('kind', [
  /** Strokes as captured (any coordinate scale); drawn into a 1-bit raster that fits the paper. */
  z.object({ kind: z.literal('strokes'), strokes: z.array(z.array(Point)).max(500) }),
  /** A PNG data URL (e.g. a scanned paper signature), already no wider than the paper's dots. */
  z.object({ kind: z.literal('png'), dataUrl: z.string().regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/).max(1_500_000) }),
  /** The cardholder entered a PIN: no signature line. */
  z.object({ kind: z.literal('pin') }),
  /** Signature exempted (small amount, manager approval): the reason prints. */
  z.object({ kind: z.literal('exempt'), reason: z.string().max(120) }),
  /** Nothing captured yet: a blank line to sign on paper. */
  z.object({ kind: z.literal('none') }),
]);
export type ReceiptSignature = z.infer<typeof ReceiptSignature>;

const code = (max: number) => z.string().regex(/^[0-9A-Za-z]*$/).max(max).nullable();

/** The sale a void or refund reverses, as the host knows it. */
export const OriginalSale = z.object({
  time: z.number().int().nonnegative(),
  amountFen: z.number().int().nonnegative().max(99_999_999_99),
  batch: code(6),
  stan: code(6),
  authCode: code(6),
  rrn: code(12),
});
export type OriginalSale = z.infer<typeof OriginalSale>;

export const ReceiptInput = z.object({
  shopName: z.string().max(64),
  shopAddress: z.string().max(128).default(''),
  merchantId: z.string().regex(/^[0-9A-Za-z]{0,15}$/),
  terminalId: z.string().regex(/^[0-9A-Za-z]{0,8}$/),
  operator: z.string().max(40),
  /** Sale time, Unix ms (on a reprint: the original time; the reprint's own time is in `reprint`). */
  time: z.number().int().nonnegative(),
  /** The shop's zone (settings): every time on the slip prints in it. */
  timeZone: z.enum(TIME_ZONES).default(DEFAULT_TIME_ZONE),
  brand: z.string().max(16),
  last4: z.string().regex(/^[0-9]{4}$/),
  entryMode: z.string().max(24),
  saleType: z.enum(['sale', 'refund', 'void']),
  amountFen: z.number().int().nonnegative().max(99_999_999_99),
  authCode: code(6),
  rrn: code(12),
  batch: code(6),
  stan: code(6),
  signature: ReceiptSignature,
  /** 特征码 from the sale's digest; null prints a dash until the evidence work fills it. */
  featureCode: z.string().regex(/^[0-9A-F-]{0,24}$/).nullable(),
  /** Sale reference or id, printed as a QR code; null prints none. */
  qr: z.string().max(128).nullable(),
  copy: ReceiptCopy,
  /** Present on a reprint: its number and when it was printed (RULES 13: both times print). */
  reprint: z.object({ n: z.number().int().min(1).max(999), at: z.number().int().nonnegative() }).nullable().default(null),
  /** Accepted offline and not yet forwarded: the slip says so, and that auth code and RRN follow. */
  offline: z.boolean().default(false),
  /** A void or refund cites the sale it reverses. */
  original: OriginalSale.nullable().default(null),
  /** Supplementary signature: when it was taken (prints with the "补签" variant). */
  supplementaryTime: z.number().int().nonnegative().nullable().default(null),
  language: ReceiptLanguage.default('bilingual'),
  footer: z.string().max(200).default(''),
  paper: z.union([z.literal(58), z.literal(80)]),
  /** Dots per line of the printer; sets the columns (Epson TM-T88: 512 dots → 42 columns). */
  dotsPerLine: z.number().int().min(256).max(832).optional(),
});
export type ReceiptInput = z.input<typeof ReceiptInput>;
export type ParsedReceiptInput = z.output<typeof ReceiptInput>;

export type ReceiptInputProblem = 'invalid-input' | 'signature-too-wide' | 'signature-not-png';

/** A receipt could not be built; `reason` is a stable code, `field` names the offending input. */
export class ReceiptInputError extends Error {
  constructor(
    readonly reason: ReceiptInputProblem,
    readonly field: string,
  ) {
    super(`receipt input ${reason}: ${field}`);
    this.name = 'ReceiptInputError';
  }
}
