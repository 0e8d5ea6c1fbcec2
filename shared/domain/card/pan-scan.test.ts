import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash';
import { CardDataScanner, findCardData, findCardDataInBytes } from './pan-scan';

const SENTINEL = '6212345678901232';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('card data scan', () => {
  it('finds a Luhn-valid PAN in JSON, plain or grouped as on the card, naming only its last four', () => {
    expect(findCardData(`{"note":"card ${SENTINEL} please"}`)).toEqual([{ kind: 'pan', offset: 14, length: 16, last4: '1232' }]);
    expect(findCardData('customer wrote 6212 3456 7890 1232 on the letter')).toMatchObject([{ kind: 'pan', last4: '1232' }]);
    expect(findCardData('6212-3456-7890-1232')).toHaveLength(1);
    expect(findCardData('amex 3782 822463 10005')).toMatchObject([{ kind: 'pan', last4: '0005' }]);
  });

  it('finds track data shapes even when the PAN fails Luhn', () => {
    const hits = findCardData(';6212345678901233=29121010000000000000?');
    expect(hits.map((h) => h.kind)).toEqual(['track']);
    expect(findCardData('%B6212345678901233^TEST/CARD^2912101000?').map((h) => h.kind)).toEqual(['track']);
  });

  it('ignores Luhn failures, short and long runs, millisecond times, digests and allowed numbers', () => {
    expect(findCardData('6212345678901233')).toEqual([]);
    expect(findCardData('stan 000001 rrn 000000000001')).toEqual([]);
    expect(findCardData('"createdAt":1800000000000,"updatedAt":1799999999993')).toEqual([]);
    expect(findCardData(`12345678901234567890123`)).toEqual([]);
    // a PDF creation date whose 14 digits happen to pass Luhn
    expect(findCardData('(D:20261123020400Z)')).toEqual([]);
    // a digest whose decimal run would pass Luhn on its own
    const digest = `ab${SENTINEL}cdef${'0'.repeat(44)}`;
    expect(findCardData(digest)).toEqual([]);
    expect(findCardData('merchant 898100000000001 terminal 10000001', { allow: ['898100000000001'] })).toEqual([]);
    for (let i = 0; i < 200; i++) expect(findCardData(sha256Hex(`digest ${i}`))).toEqual([]);
  });

  it('finds a PAN split across chunks once, at its offset in the whole stream', () => {
    const text = `${'x'.repeat(1000)} ${SENTINEL} ${'y'.repeat(3000)} 4111111111111111`;
    const all = bytes(text);
    const scanner = new CardDataScanner();
    for (let at = 0; at < all.length; at += 7) scanner.push(all.slice(at, at + 7));
    const hits = scanner.finish();
    expect(hits.map((h) => [h.offset, h.last4])).toEqual([
      [1001, '1232'],
      [text.indexOf('4111'), '1111'],
    ]);
    expect(findCardDataInBytes(all)).toEqual(hits);
  });

  it('judges a digest the same however the stream is cut (no false alarm at a chunk edge)', () => {
    const digests = Array.from({ length: 3000 }, (_, i) => `"prevHash":"${sha256Hex(`entry ${i}`)}"`).join(',');
    expect(findCardData(digests)).toEqual([]);
    for (const step of [5, 100, 511, 4096]) {
      const scanner = new CardDataScanner();
      const all = bytes(digests);
      for (let at = 0; at < all.length; at += step) scanner.push(all.slice(at, at + step));
      expect(scanner.finish()).toEqual([]);
    }
  });

  it('finds a PAN in binary data between non-text bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0xff, ...bytes(SENTINEL), 0x00, 0x9c]);
    expect(findCardDataInBytes(png)).toHaveLength(1);
  });
});
