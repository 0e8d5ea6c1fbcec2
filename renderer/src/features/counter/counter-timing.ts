/**
 * User Timing marks for the counter's own overhead (card summary → result on screen), read by
 * `npm run bench` (bench/counter.bench.ts) and visible in any Chromium performance trace. Marks
 * are cheap and bounded: each sale clears the previous pair.
 */
export const COUNTER_OVERHEAD = 'counter:card-to-result';
const CARD = 'counter:card-summary';
const RESULT = 'counter:result-shown';

export const markCardSummary = (): void => {
  performance.clearMarks(CARD);
  performance.clearMarks(RESULT);
  performance.mark(CARD);
};

/** Called once the result step has been painted (after the next animation frame). */
export const markResultShown = (): void => {
  if (performance.getEntriesByName(CARD, 'mark').length === 0) return;
  performance.mark(RESULT);
  performance.measure(COUNTER_OVERHEAD, CARD, RESULT);
  performance.clearMarks(CARD);
};
