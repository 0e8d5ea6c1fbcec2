import { describe, expect, it } from 'vitest';
import { brandOf } from './brand';
import { isExpired, yymmAfter } from './expiry';
import { luhnCheckDigit, luhnValid } from './luhn';
import { cardNumberFor, maskBinLast4, maskLast4, truncatePan } from './mask';
import { parseMaskedTrack1, parseMaskedTrack2 } from './masked';
import { chipFromServiceCode, parseCardTracks, parseSwipeText } from './parse';
import { trackLrc } from './track';

const today = { year: 2026, month: 11 };
const swipe = (pan: string, yymm = '3012', svc = '101'): string => `%B${pan}^TEST/CARD^${yymm}${svc}000?;${pan}=${yymm}${svc}000?\r`;

describe('Luhn', () => {
  it('accepts the sentinel UnionPay test PAN and rejects a changed digit', () => {
    expect(luhnValid('6212345678901232')).toBe(true);
    expect(luhnValid('6212345678901233')).toBe(false);
    expect(luhnValid('62123456789012a2')).toBe(false);
    expect(luhnCheckDigit('621234567890123')).toBe('2');
  });
});

describe('brand by BIN', () => {
  it.each([
    ['6212345678901232', 'unionpay'],
    ['8171999927660000', 'unionpay'],
    ['4111111111111111', 'visa'],
    ['5105105105105100', 'mastercard'],
    ['2221000000000009', 'mastercard'],
    ['2720990000000000', 'mastercard'],
    ['2721000000000000', 'unknown'],
    ['340000000000009', 'amex'],
    ['378282246310005', 'amex'],
    ['3528000000000000', 'jcb'],
    ['3589000000000000', 'jcb'],
    ['6011111111111117', 'discover'],
    ['6445000000000000', 'discover'],
    ['6500000000000000', 'discover'],
    ['36227206271667', 'diners'],
    ['38000000000006', 'diners'],
    ['30500000000000', 'diners'],
    ['30600000000000', 'unknown'],
    ['9999', 'unknown'],
  ])('%s is %s', (pan, brand) => {
    expect(brandOf(pan)).toBe(brand);
  });

  it('works from a masked prefix', () => {
    expect(brandOf('2223')).toBe('mastercard');
    expect(brandOf('4')).toBe('visa');
  });
});

describe('masking', () => {
  it('shows the last four to everyone and BIN + last four to managers only', () => {
    const t = truncatePan('6212345678901232');
    expect(t).toEqual({ bin: '621234', last4: '1232', panLength: 16 });
    expect(maskLast4(t.last4)).toBe('**** 1232');
    expect(maskBinLast4(t)).toBe('621234 ****** 1232');
    expect(cardNumberFor(t, 'cashier')).toBe('**** 1232');
    expect(cardNumberFor(t, 'manager')).toBe('621234 ****** 1232');
    expect(cardNumberFor({ ...t, bin: null }, 'manager')).toBe('**** 1232');
  });
});

describe('expiry', () => {
  it('is valid through the last day of its month', () => {
    expect(isExpired({ year: 2026, month: 11 }, today)).toBe(false);
    expect(isExpired({ year: 2026, month: 10 }, today)).toBe(true);
    expect(isExpired({ year: 2025, month: 12 }, today)).toBe(true);
    expect(yymmAfter({ year: 2026, month: 11 }, 2)).toBe('2701');
  });
});

describe('parseSwipeText / parseCardTracks', () => {
  it('parses a full keyboard swipe into a card with brand, chip flag and truncation', () => {
    const r = parseSwipeText(swipe('6212345678901232'), { today });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.card).toMatchObject({
      pan: '6212345678901232',
      bin: '621234',
      last4: '1232',
      brand: 'unionpay',
      chip: false,
      expiry: '3012',
      cardholderName: 'TEST/CARD',
      track2: '6212345678901232=3012101000',
    });
  });

  it('flags a chip card from service code 2xx or 6xx', () => {
    expect(chipFromServiceCode('201')).toBe(true);
    expect(chipFromServiceCode('601')).toBe(true);
    expect(chipFromServiceCode('101')).toBe(false);
    const r = parseSwipeText(swipe('6250946000000016', '3012', '201'), { today });
    expect(r.ok && r.card.chip).toBe(true);
  });

  it('gives each failure its own reason', () => {
    expect(parseSwipeText(swipe('6212345678901233'), { today })).toEqual({ ok: false, reason: 'luhn-failed' });
    expect(parseSwipeText(swipe('4000000000000002', '1212'), { today })).toEqual({ ok: false, reason: 'expired' });
    expect(parseSwipeText('%B6212345678901232^TEST/CARD^3012101000?', { today })).toEqual({ ok: false, reason: 'track2-missing' });
    expect(parseSwipeText('6212345678901232', { today })).toEqual({ ok: false, reason: 'no-start-sentinel' });
    expect(parseSwipeText('', { today })).toEqual({ ok: false, reason: 'unreadable' });
    const t2 = ';6212345678901232=3012101000?';
    const bad = trackLrc(t2, 2) === '0' ? '1' : '0';
    expect(parseSwipeText(`${t2}${bad}`, { today })).toEqual({ ok: false, reason: 'bad-lrc' });
    expect(parseSwipeText('%B4111111111111111^A/B^3012101?;6212345678901232=3012101?', { today })).toEqual({ ok: false, reason: 'track-mismatch' });
  });

  it('without a date, does not check expiry', () => {
    expect(parseSwipeText(swipe('4000000000000002', '1212')).ok).toBe(true);
  });

  it('drops a damaged track 1 but keeps a good track 2', () => {
    const r = parseCardTracks({ track1: '%B62123456^^?', track2: ';6212345678901232=3012101?' }, { today });
    expect(r).toMatchObject({ ok: true, card: { cardholderName: null, track1: null } });
  });

  it('never throws on hostile input', () => {
    for (const raw of ['%', ';', '?', '%?;?', '\u0000\u0001', ';'.repeat(600), '%B^^^^?;==?', '\uD800', ';6212345678901232=3012101?;;;?']) {
      expect(() => parseSwipeText(raw, { today })).not.toThrow();
    }
  });
});

describe('masked tracks', () => {
  it('reads last four, length and a trusted prefix from a star-masked track 2', () => {
    expect(parseMaskedTrack2(';476173******0119=2512*************?')).toEqual({
      ok: true,
      value: { panPrefix: '476173', last4: '0119', panLength: 16, expiry: { year: 2025, month: 12 }, serviceCode: null },
    });
  });

  it('trusts only four leading digits when the mask character is 0', () => {
    // MagneSafe V5 manual example (masked track 2 of a test card, mask character '0').
    expect(parseMaskedTrack2(';5452000000007189=08040000000000000000?')).toMatchObject({
      ok: true,
      value: { panPrefix: '5452', last4: '7189', panLength: 16 },
    });
  });

  it('reads a masked track 1 and refuses junk', () => {
    expect(parseMaskedTrack1('%B5452000000007189^HOGAN/PAUL      ^08040000000000000000?')).toMatchObject({ ok: true, value: { last4: '7189' } });
    expect(parseMaskedTrack2(';12=?')).toEqual({ ok: false, reason: 'bad-pan' });
    expect(parseMaskedTrack2(';E?')).toEqual({ ok: false, reason: 'unreadable' });
  });
});
