import { describe, expect, it } from 'vitest';
import { featureCode, signatureDigest } from './digest';

const sale = {
  saleId: '0190a000-0000-7000-8000-000000000001',
  kind: 'sale',
  amountFen: 1250,
  last4: '1232',
  brand: 'unionpay',
  merchantId: '898100000000001',
  terminalId: '10000001',
  authCode: '123456',
  rrn: '000000000001',
  stan: '000001',
  batch: '000001',
  createdAt: 1_800_000_000_000,
};
const strokes = [[{ x: 1, y: 2, t: 0 }, { x: 3.04, y: 4, t: 16 }]];

describe('signature digest and feature code', () => {
  it('is stable for the same sale and strokes, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(sale).reverse()) as typeof sale;
    expect(signatureDigest(reordered, strokes)).toBe(signatureDigest(sale, strokes));
  });
  it('changes when the amount or a stroke changes', () => {
    const d = signatureDigest(sale, strokes);
    expect(signatureDigest({ ...sale, amountFen: 1251 }, strokes)).not.toBe(d);
    expect(signatureDigest(sale, [[{ x: 1, y: 2, t: 0 }, { x: 3.5, y: 4, t: 16 }]])).not.toBe(d);
  });
  it('prints as four groups of four', () => {
    expect(featureCode('0123456789abcdef' + '0'.repeat(48))).toBe('0123-4567-89AB-CDEF');
  });
});
