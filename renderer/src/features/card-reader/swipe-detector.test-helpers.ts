import type { DetectorEvent, SwipeDetector } from './swipe-detector';

/** A track 1 + track 2 swipe as a reader types it. */
export const SWIPE = '%B6212345678901232^TEST/CARD^3012101000?;6212345678901232=3012101000?';

/** Drives a SwipeDetector as the hook does (keys, then its timer) and records what the field would get. */
export interface Run {
  swallowed: string[];
  passed: string[];
  events: DetectorEvent[];
  /** What the focused input ends up holding: passed keys plus flushed text, in order. */
  input: string;
  end: number;
}

/** Types `keys` starting at `t0`, `gap` ms apart (or per-key gaps), ticking the detector like the hook's timer. */
export const type = (d: SwipeDetector, keys: string[], gap: number | number[], t0 = 1000, opts: { composing?: boolean } = {}): Run => {
  const run: Run = { swallowed: [], passed: [], events: [], input: '', end: t0 };
  let t = t0;
  keys.forEach((key, i) => {
    const step = Array.isArray(gap) ? (gap[i] ?? 0) : i === 0 ? 0 : gap;
    // Fire any timer due before this key.
    const deadline = d.nextDeadline();
    if (deadline !== null && deadline <= t + step) collect(run, d.tick(deadline));
    t += step;
    const r = d.feed({ key, timestamp: t, isComposing: opts.composing ?? false });
    collect(run, r.events);
    if (r.swallow) run.swallowed.push(key);
    else {
      run.passed.push(key);
      if (key.length === 1) run.input += key;
    }
  });
  run.end = t;
  return run;
};

const collect = (run: Run, events: DetectorEvent[]): void => {
  for (const e of events) {
    run.events.push(e);
    if (e.type === 'flush') run.input += e.text;
  }
};

/** Lets the detector's timer run out after the last key. */
export const settle = (d: SwipeDetector, run: Run): void => {
  const deadline = d.nextDeadline();
  if (deadline !== null) collect(run, d.tick(deadline));
};

export const chars = (s: string): string[] => [...s];
