import { SALE_PHASES } from './sale-timing';

/**
 * User Timing marks for the counter's own overhead (card summary → result on screen), read by
 * `npm run bench` (bench/counter.bench.ts) and visible in any Chromium performance trace. Marks
 * are cheap and bounded: each sale clears the previous ones. The phases in between (write-ahead
 * committed, host answered, outcome committed) become measures from the card summary, so the
 * bench can say where the time went.
 */
export const COUNTER_OVERHEAD = 'counter:card-to-result';
const CARD = 'counter:card-summary';
const RESULT = 'counter:result-shown';
export const phaseMeasure = (phase: string): string => `counter:to-${phase.replace(/^sale:/, '')}`;

const clearAll = (): void => {
  for (const name of [CARD, RESULT, ...SALE_PHASES]) performance.clearMarks(name);
};

export const markCardSummary = (): void => {
  clearAll();
  performance.mark(CARD);
};

/**
 * Runs `fn` just after the next frame has been painted: the animation frame callback runs before
 * that frame's paint, and a message posted from it is delivered after the paint.
 */
export const afterNextPaint = (fn: () => void): (() => void) => {
  let cancelled = false;
  const frame = requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      if (!cancelled) fn();
    };
    channel.port2.postMessage(null);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
  };
};

/** Called once the result step has been painted (see `afterNextPaint`). */
export const markResultShown = (): void => {
  if (performance.getEntriesByName(CARD, 'mark').length === 0) return;
  performance.mark(RESULT);
  performance.measure(COUNTER_OVERHEAD, CARD, RESULT);
  for (const phase of SALE_PHASES) {
    if (performance.getEntriesByName(phase, 'mark').length > 0) performance.measure(phaseMeasure(phase), CARD, phase);
  }
  clearAll();
};
