/**
 * User Timing marks for the steps of one send (write-ahead committed, host answered, outcome
 * committed). The counter reads them into measures once the result is painted (counter-timing.ts)
 * and clears them for the next sale, so they stay bounded.
 */
export const SALE_PHASES = ['sale:written-ahead', 'sale:answered', 'sale:recorded'] as const;
export type SalePhase = (typeof SALE_PHASES)[number];

export const markSalePhase = (phase: SalePhase): void => {
  performance.mark(phase);
};
