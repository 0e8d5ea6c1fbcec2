import { describe, expect, it } from 'vitest';
import { SwipeDetector } from './swipe-detector';
import { SWIPE, chars, settle, type } from './swipe-detector.test-helpers';

/** Per-key gaps for `type`: 0 before the first key, then `pattern` over and over. */
const cycle = (count: number, pattern: number[]): number[] =>
  Array.from({ length: count }, (_, i) => (i === 0 ? 0 : (pattern[(i - 1) % pattern.length] ?? 0)));

/** 40-120 ms between keys: a reader stalled by a busy PC, or Playwright on a loaded CI runner. */
const SLOW = [40, 120, 65, 90, 110, 55, 75, 100, 45, 85];
const TRACK1 = '%B6212345678901232^TEST/CARD^3012101000?';
const TRACK2 = ';6212345678901232=3012101000?';

/** How many held characters the detector still keeps (it must keep none once it has emitted). */
const heldChars = (d: SwipeDetector): number =>
  Object.values(d).reduce<number>((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);

describe('SwipeDetector: slow keys that follow the track grammar', () => {
  it('sends a track 1 + track 2 swipe typed 40-120 ms apart as one swipe, Enter included, flushing nothing', () => {
    const d = new SwipeDetector();
    const keys = [...chars(SWIPE), 'Enter'];
    const run = type(d, keys, cycle(keys.length, SLOW));
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(run.swallowed).toEqual(keys);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
    expect(d.active).toBe(false);
    expect(heldChars(d)).toBe(0);
  });

  it('sends the same slow swipe without Enter after one generous quiet spell', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(SWIPE), cycle(SWIPE.length, SLOW));
    expect(run.events).toEqual([]);
    expect(d.nextDeadline()).toBe(run.end + 301);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(run.input).toBe('');
    expect(heldChars(d)).toBe(0);
  });

  it('still sends a reader-speed swipe within the short end grace, with or without Enter', () => {
    const withEnter = type(new SwipeDetector(), [...chars(SWIPE), 'Enter'], 1);
    expect(withEnter.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(withEnter.passed).toEqual([]);
    const d = new SwipeDetector();
    const run = type(d, chars(SWIPE), 2);
    expect(d.nextDeadline()).toBe(run.end + 35);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
  });

  it('keeps both tracks together when 40 ms keys pause 120 ms between the tracks', () => {
    const d = new SwipeDetector();
    const keys = [...chars(SWIPE), 'Enter'];
    const gaps = keys.map((_, i) => (i === 0 ? 0 : i === TRACK1.length ? 120 : 40));
    const run = type(d, keys, gaps);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(run.passed).toEqual([]);
  });

  it('holds a reader swipe through a stall on a loaded PC instead of leaking the rest into the field', () => {
    for (const stallAt of [3, 8, 12, TRACK1.length - 1, TRACK1.length + 5, SWIPE.length - 1]) {
      const d = new SwipeDetector();
      const keys = [...chars(SWIPE), 'Enter'];
      const run = type(d, keys, keys.map((_, i) => (i === 0 ? 0 : i === stallAt ? 250 : 2)));
      expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
      expect(run.passed).toEqual([]);
    }
  });

  it('gives a slowly typed ;abc back as ;abc, in order', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';abc'), 150);
    expect(run.swallowed).toEqual([';']);
    expect(run.passed).toEqual(['a', 'b', 'c']);
    expect(run.events).toEqual([{ type: 'flush', text: ';' }]);
    expect(run.input).toBe(';abc');
    expect(d.active).toBe(false);
  });

  it('gives %x back: track 1 needs B after %', () => {
    const d = new SwipeDetector();
    const run = type(d, chars('%x'), 150);
    expect(run.events).toEqual([{ type: 'flush', text: '%' }]);
    expect(run.passed).toEqual(['x']);
    expect(run.input).toBe('%x');
    const run2 = type(new SwipeDetector(), chars('%Bx'), 150);
    expect(run2.events).toEqual([{ type: 'flush', text: '%B' }]);
    expect(run2.input).toBe('%Bx');
  });

  it('gives held keys back at the first non-digit in the PAN', () => {
    const run = type(new SwipeDetector(), chars(';1234a'), 100);
    expect(run.events).toEqual([{ type: 'flush', text: ';1234' }]);
    expect(run.passed).toEqual(['a']);
    expect(run.input).toBe(';1234a');
  });

  it('drops ; and 19 digits as card data when a 20th digit breaks the track, and the digit after it too', () => {
    const pan20 = '62123456789012345678';
    const d = new SwipeDetector();
    const run = type(d, chars(`;${pan20}`), 100);
    expect(run.events).toEqual([{ type: 'card-dropped' }]);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
    expect(d.active).toBe(false);
    expect(heldChars(d)).toBe(0);
  });

  it('drops an unfinished slow track when the keys stop (it is card data), after the longer card-number wait', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';6212345678901232=30'), 100);
    expect(run.events).toEqual([]);
    expect(heldChars(d)).toBe(20);
    expect(d.nextDeadline()).toBe(run.end + 3001);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'card-dropped' }]);
    expect(run.input).toBe('');
    expect(heldChars(d)).toBe(0);
  });

  it('holds a slow track 2 through a 2 s pause once its card number is under way: one swipe, nothing in the field', () => {
    const d = new SwipeDetector();
    const keys = [...chars(TRACK2), 'Enter'];
    const cut = 12; // ;62123456789 | 01232=3012101000?
    const run = type(d, keys, keys.map((_, i) => (i === 0 ? 0 : i === cut ? 2000 : 80)));
    expect(run.events).toEqual([{ type: 'swipe', raw: TRACK2 }]);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
  });

  it('holds a slow track 1 + track 2 swipe through a 2 s pause after the name: one swipe', () => {
    const d = new SwipeDetector();
    const keys = [...chars(SWIPE), 'Enter'];
    const cut = 25; // %B6212345678901232^TEST/ | CARD^3012101000? then track 2
    const run = type(d, keys, keys.map((_, i) => (i === 0 ? 0 : i === cut ? 2000 : 90)));
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(run.input).toBe('');
  });

  it('drops a swipe paused longer than the card-number wait, and the rest of its track when the keys go on', () => {
    const d = new SwipeDetector();
    const keys = [...chars(TRACK2), 'Enter'];
    const cut = 17; // ;6212345678901232 | =3012101000?
    const run = type(d, keys, keys.map((_, i) => (i === 0 ? 0 : i === cut ? 3500 : 80)));
    expect(run.events).toEqual([{ type: 'card-dropped' }]);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
  });

  it('drops a slow, unfinished card number at an Enter, and the Enter with it', () => {
    const run = type(new SwipeDetector(), [...chars(';6212345678901232'), 'Enter'], 100);
    expect(run.events).toEqual([{ type: 'card-dropped' }]);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
  });

  it('still gives back what is not card data: a slow ; and 11 digits, then normal typing', () => {
    const d = new SwipeDetector();
    const run = type(d, [...chars(';62123456789'), 'Tab'], 100);
    expect(run.events).toEqual([{ type: 'flush', text: ';62123456789' }]);
    expect(run.passed).toEqual(['Tab']);
  });

  it('keeps every character of a human typing "note; 12", in order', () => {
    for (const gap of [150, 90, [0, 180, 95, 130, 70, 240, 110, 160]]) {
      const d = new SwipeDetector();
      const run = type(d, chars('note; 12'), gap);
      settle(d, run);
      expect(run.swallowed).toEqual([';']);
      expect(run.events).toEqual([{ type: 'flush', text: ';' }]);
      expect(run.input).toBe('note; 12');
    }
  });

  it('keeps digits typed right after ; and gives them back when the typing stops matching or pauses', () => {
    const a = type(new SwipeDetector(), chars('qty;12 boxes'), 120);
    expect(a.events).toEqual([{ type: 'flush', text: ';12' }]);
    expect(a.input).toBe('qty;12 boxes');
    const d = new SwipeDetector();
    const b = type(d, chars('ref;12345678'), 120);
    settle(d, b);
    expect(b.events).toEqual([{ type: 'flush', text: ';12345678' }]);
    expect(b.input).toBe('ref;12345678');
  });

  it('gives held keys back when a key repeats (readers never hold a key)', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';12'), 100);
    const r = d.feed({ key: '2', timestamp: run.end + 100, isComposing: false, repeat: true });
    expect(r).toEqual({ swallow: false, events: [{ type: 'flush', text: ';12' }] });
    expect(d.active).toBe(false);
  });

  it('keeps the timing rule for a fast burst that is no track (sent after the short spell)', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';abcdefghijk'), 2);
    expect(d.nextDeadline()).toBe(run.end + 51);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: ';abcdefghijk' }]);
  });

  it('waits the card-number gap before sending a fast but unfinished track (a stalled reader may go on)', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';6212345678901232=30'), 2);
    expect(d.nextDeadline()).toBe(run.end + 3001);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: ';6212345678901232=30' }]);
  });

  it('handles an IME composition inside a slow hold like inside a fast one', () => {
    const short = new SwipeDetector();
    const a = type(short, chars(';621'), 100);
    const ra = short.feed({ key: 'Process', timestamp: a.end + 100, isComposing: true });
    expect(ra).toEqual({ swallow: false, events: [{ type: 'flush', text: ';621' }] });
    expect(short.active).toBe(false);

    const long = new SwipeDetector();
    const b = type(long, chars(';6212345678901'), 100);
    const rb = long.feed({ key: 'Process', timestamp: b.end + 100, isComposing: true });
    expect(rb).toEqual({ swallow: false, events: [{ type: 'ime-active' }] });
    expect(long.active).toBe(false);
    expect(heldChars(long)).toBe(0);
  });

  it('takes a custom grammar gap', () => {
    const d = new SwipeDetector({ grammarKeyGapMs: 1000 });
    const keys = [...chars(TRACK2), 'Enter'];
    const run = type(d, keys, cycle(keys.length, [600, 900]));
    expect(run.events).toEqual([{ type: 'swipe', raw: TRACK2 }]);
  });
});
