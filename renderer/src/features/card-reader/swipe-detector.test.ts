import { describe, expect, it } from 'vitest';
import { SwipeDetector } from './swipe-detector';
import type { DetectorEvent } from './swipe-detector';
import { SWIPE, chars, settle, type } from './swipe-detector.test-helpers';


describe('SwipeDetector', () => {
  it('captures a reader swipe at 2 ms per key ending in Enter, swallowing every key', () => {
    const d = new SwipeDetector();
    const run = type(d, [...chars(SWIPE), 'Enter'], 2);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
    expect(run.passed).toEqual([]);
    expect(run.input).toBe('');
    expect(d.active).toBe(false);
  });

  it('ends a swipe without CR shortly after the end sentinel, well under 50 ms', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(SWIPE), 1);
    expect(run.events).toEqual([]);
    const deadline = d.nextDeadline();
    expect(deadline).not.toBeNull();
    expect((deadline ?? 0) - run.end).toBeLessThan(50);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
  });

  it('keeps both tracks together when track 2 follows the end sentinel (and an LRC) quickly', () => {
    const d = new SwipeDetector();
    const withLrc = '%B6212345678901232^TEST/CARD^3012101000?X;6212345678901232=3012101000?5';
    const run = type(d, [...chars(withLrc), 'Enter'], 3);
    expect(run.events).toEqual([{ type: 'swipe', raw: withLrc }]);
  });

  it('tolerates Shift keydowns between characters (readers press Shift for % ^ ?)', () => {
    const d = new SwipeDetector();
    const keys = chars(SWIPE).flatMap((c) => (/[%^?A-Z]/.test(c) ? ['Shift', c] : [c]));
    const run = type(d, [...keys, 'Enter'], 1);
    expect(run.events).toEqual([{ type: 'swipe', raw: SWIPE }]);
  });

  it('captures a track-2-only swipe from a slower reader (8 ms per key)', () => {
    const d = new SwipeDetector();
    const t2 = ';6212345678901232=3012101000?';
    const run = type(d, [...chars(t2), 'Enter'], 8);
    expect(run.events).toEqual([{ type: 'swipe', raw: t2 }]);
  });

  it('gives a slowly typed leading ; back to the input, in order', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';abc'), 150);
    settle(d, run);
    expect(run.input).toBe(';abc');
    expect(run.events.filter((e) => e.type === 'swipe')).toEqual([]);
  });

  it('gives back a lone ; after the quiet spell', () => {
    const d = new SwipeDetector();
    const run = type(d, [';'], 0);
    expect(run.swallowed).toEqual([';']);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'flush', text: ';' }]);
    expect(run.input).toBe(';');
  });

  it('gives back a fast burst that is too short to be a card, before the key that ended it', () => {
    const d = new SwipeDetector();
    const run = type(d, [...chars('%ab'), 'Enter'], 20);
    expect(run.events).toEqual([{ type: 'flush', text: '%ab' }]);
    expect(run.passed).toEqual(['Enter']);
    const run2 = type(new SwipeDetector(), [...chars(';12'), 'Tab'], 20);
    expect(run2.events).toEqual([{ type: 'flush', text: ';12' }]);
    expect(run2.passed).toEqual(['Tab']);
  });

  it('never touches normal typing without a sentinel', () => {
    const d = new SwipeDetector();
    const run = type(d, [...chars('hello world 123'), 'Enter'], 2);
    expect(run.swallowed).toEqual([]);
    expect(run.events).toEqual([]);
    expect(d.active).toBe(false);
  });

  it('does not take a held ; key (auto-repeat) for a reader', () => {
    const d = new SwipeDetector();
    let t = 0;
    const first = d.feed({ key: ';', timestamp: t, isComposing: false });
    expect(first.swallow).toBe(true);
    const events: DetectorEvent[] = [];
    for (let i = 0; i < 20; i += 1) {
      t += 33;
      const r = d.feed({ key: ';', timestamp: t, isComposing: false, repeat: true });
      expect(r.swallow).toBe(false);
      events.push(...r.events);
    }
    expect(events).toEqual([{ type: 'flush', text: ';' }]);
  });

  it('handles a second swipe right after the first', () => {
    const d = new SwipeDetector();
    const a = type(d, [...chars(SWIPE), 'Enter'], 2, 1000);
    const b = type(d, [...chars(SWIPE), 'Enter'], 2, a.end + 400);
    expect([...a.events, ...b.events]).toEqual([
      { type: 'swipe', raw: SWIPE },
      { type: 'swipe', raw: SWIPE },
    ]);
  });

  it('sends a fast, long, unterminated burst as a swipe (main then names what is missing)', () => {
    const d = new SwipeDetector();
    const cut = ';6212345678901232=30';
    const run = type(d, chars(cut), 2);
    settle(d, run);
    expect(run.events).toEqual([{ type: 'swipe', raw: cut }]);
  });

  it('gives back an endless fast stream (not a card reader) instead of holding it', () => {
    const d = new SwipeDetector({ maxSwipeLength: 40 });
    const run = type(d, chars(`;${'7'.repeat(60)}`), 1);
    settle(d, run);
    expect(run.events.some((e) => e.type === 'swipe')).toBe(false);
    expect(run.input).toBe(`;${'7'.repeat(60)}`);
  });

  it('warns once when a reader types into an active IME', () => {
    const d = new SwipeDetector();
    const run = type(d, Array.from({ length: 30 }, () => 'Process'), 2, 1000, { composing: true });
    expect(run.events).toEqual([{ type: 'ime-active' }]);
    expect(run.swallowed).toEqual([]);
    const again = type(d, Array.from({ length: 30 }, () => 'Process'), 2, run.end + 1000, { composing: true });
    expect(again.events).toEqual([{ type: 'ime-active' }]);
  });

  it('does not warn for ordinary IME typing at human speed', () => {
    const d = new SwipeDetector();
    const run = type(d, Array.from({ length: 10 }, () => 'Process'), 120, 1000, { composing: true });
    expect(run.events).toEqual([]);
  });

  it('drops a half swipe when an IME composition starts inside it, and warns', () => {
    const d = new SwipeDetector();
    const run = type(d, chars(';6212345678901'), 2);
    const r = d.feed({ key: 'Process', timestamp: run.end + 2, isComposing: true });
    expect(r.events).toEqual([{ type: 'ime-active' }]);
    expect(d.active).toBe(false);
  });

  it('reset() forgets a held swipe without giving it back', () => {
    const d = new SwipeDetector();
    type(d, chars(';62123456789'), 2);
    d.reset();
    expect(d.active).toBe(false);
    expect(d.nextDeadline()).toBeNull();
  });
});
