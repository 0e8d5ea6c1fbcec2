import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../hash';

/**
 * The fields of a sale that a signature vouches for. Anything that would change what the
 * customer agreed to is here; mutable bookkeeping (print state, notes) is not.
 */
export interface SignedSaleFields {
  saleId: string;
  kind: string;
  amountFen: number;
  last4: string;
  brand: string;
  merchantId: string;
  terminalId: string;
  authCode: string | null;
  rrn: string | null;
  stan: string | null;
  batch: string | null;
  createdAt: number;
}

export interface StrokePoint {
  x: number;
  y: number;
  t: number;
}

/** SHA-256 over canonical JSON of the signed fields and the strokes (coordinates rounded to 0.1 px). */
export const signatureDigest = (sale: SignedSaleFields, strokes: readonly (readonly StrokePoint[])[]): string =>
  sha256Hex(
    canonicalJson({
      v: 1,
      sale,
      strokes: strokes.map((stroke) => stroke.map((p) => [Math.round(p.x * 10), Math.round(p.y * 10), Math.round(p.t)])),
    }),
  );

/** 特征码: the digest's first 8 bytes as four groups of four hex digits, printed on the slip. */
export const featureCode = (digest: string): string =>
  digest
    .slice(0, 16)
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1-');
