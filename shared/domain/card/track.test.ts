import { describe, expect, it } from 'vitest';
import { parseTrack1, parseTrack2, splitSwipeText, trackLrc } from './track';

const T1 = '%B6212345678901232^ZHANG/SAN^3012101123456789?';
const T2 = ';6212345678901232=30121011234567890?';

describe('ISO/IEC 7813 track parsing', () => {
  it('reads PAN, name, YYMM expiry and service code from track 1', () => {
    const r = parseTrack1(T1);
    expect(r).toMatchObject({ ok: true, value: { pan: '6212345678901232', name: 'ZHANG/SAN', expiry: '3012', serviceCode: '101' } });
  });

  it('reads PAN, expiry and service code from track 2 and keeps the body between sentinels', () => {
    const r = parseTrack2(T2);
    expect(r).toMatchObject({ ok: true, value: { pan: '6212345678901232', expiry: '3012', serviceCode: '101', body: T2.slice(1, -1) } });
  });

  it('accepts a correct LRC after the end sentinel and refuses a wrong one', () => {
    const lrc2 = trackLrc(T2, 2);
    expect(parseTrack2(T2 + lrc2).ok).toBe(true);
    const wrong2 = lrc2 === '0' ? '1' : '0';
    expect(parseTrack2(T2 + wrong2)).toEqual({ ok: false, reason: 'bad-lrc' });
    const lrc1 = trackLrc(T1, 1);
    expect(parseTrack1(T1 + lrc1).ok).toBe(true);
    expect(parseTrack1(T1 + (lrc1 === 'A' ? 'B' : 'A'))).toEqual({ ok: false, reason: 'bad-lrc' });
  });

  it('computes LRC as the XOR of the data bits (track 2 example worked by hand)', () => {
    // ';' = 0xB, '1' = 0x1, '=' = 0xD, '?' = 0xF → 0xB ^ 0x1 ^ 0xD ^ 0xF = 0x8 → '8'
    expect(trackLrc(';1=?', 2)).toBe('8');
  });

  it('names a missing start or end sentinel', () => {
    expect(parseTrack2('6212345678901232=3012101?')).toEqual({ ok: false, reason: 'no-start-sentinel' });
    expect(parseTrack2(';6212345678901232=3012101')).toEqual({ ok: false, reason: 'no-end-sentinel' });
    expect(parseTrack1('B6212345678901232^A/B^3012101?')).toEqual({ ok: false, reason: 'no-start-sentinel' });
  });

  it('refuses bad PANs, bad expiry dates and non-financial formats with their own reasons', () => {
    expect(parseTrack2(';62123=3012101?')).toEqual({ ok: false, reason: 'bad-pan' });
    expect(parseTrack2(';6212345678901232=3013101?')).toEqual({ ok: false, reason: 'bad-expiry' });
    expect(parseTrack2(';6212345678901232?')).toEqual({ ok: false, reason: 'bad-track-format' });
    expect(parseTrack2(';6212A45678901232=3012101?')).toEqual({ ok: false, reason: 'bad-track-format' });
    expect(parseTrack1('%A6212345678901232^A/B^3012101?')).toEqual({ ok: false, reason: 'bad-track-format' });
    expect(parseTrack2(`;${'1'.repeat(19)}=3012101${'0'.repeat(20)}?`)).toEqual({ ok: false, reason: 'bad-track-format' });
  });

  it('treats the readers\' E? error marker as unreadable', () => {
    expect(parseTrack2(';E?')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reads a track 1 typed with Caps Lock on', () => {
    expect(parseTrack1(T1.toLowerCase())).toMatchObject({ ok: true, value: { name: 'ZHANG/SAN' } });
  });
});

describe('splitting keyboard swipe text', () => {
  it('splits track 1 and track 2 with or without a CR between them', () => {
    expect(splitSwipeText(`${T1}${T2}\r`)).toEqual({ ok: true, value: { track1: T1, track2: T2, track3: null } });
    expect(splitSwipeText(`${T1}\r${T2}\r`)).toEqual({ ok: true, value: { track1: T1, track2: T2, track3: null } });
  });

  it('keeps an LRC with its track, even when the LRC is a sentinel character', () => {
    // Find a track 1 whose LRC is ';' by varying the discretionary data.
    let t1 = '';
    for (let n = 0; n < 2000 && !t1; n += 1) {
      const candidate = `%B6212345678901232^ZHANG/SAN${'A'.repeat(n % 2)}^3012101${String(n)}?`;
      if (trackLrc(candidate, 1) === ';') t1 = candidate;
    }
    expect(t1).not.toBe('');
    const r = splitSwipeText(`${t1};${T2}`);
    expect(r).toEqual({ ok: true, value: { track1: `${t1};`, track2: T2, track3: null } });
  });

  it('reports no start sentinel for text that is not a swipe', () => {
    expect(splitSwipeText('hello world')).toEqual({ ok: false, reason: 'no-start-sentinel' });
    expect(splitSwipeText('   ')).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('reports no end sentinel for a cut-off swipe', () => {
    expect(splitSwipeText(';6212345678901232=3012')).toEqual({ ok: false, reason: 'no-end-sentinel' });
  });
});
