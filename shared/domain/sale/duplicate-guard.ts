import type { Fen } from '../money';

/** RULES.md 10: the same card fingerprint and amount within 10 minutes asks for confirmation. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

export interface PriorCharge {
  id: string;
  createdAt: number;
  amountFen: Fen;
  fingerprint: string;
  state: string;
}

const COUNTS = new Set(['approved', 'offline-accepted', 'authorizing', 'unknown']);

/** The most recent earlier sale on the same card for the same amount that may have charged it. */
export const findLikelyDuplicate = (
  candidate: { fingerprint: string; amountFen: Fen; now: number },
  recent: readonly PriorCharge[],
): PriorCharge | null => {
  const hits = recent.filter(
    (s) =>
      s.fingerprint === candidate.fingerprint &&
      s.amountFen === candidate.amountFen &&
      COUNTS.has(s.state) &&
      candidate.now - s.createdAt <= DUPLICATE_WINDOW_MS &&
      s.createdAt <= candidate.now,
  );
  return hits.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
};
