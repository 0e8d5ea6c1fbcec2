import type { z } from 'zod';
import type { OfflineSettings } from './settings';

/**
 * Offline acceptance limits (RULES 11): a sale may be accepted while the host is unreachable
 * only if the merchant enabled offline sales and every limit still holds. Magstripe offline is
 * off unless the merchant turns it on (`allowSwiped`); every card we read today is a swipe, so
 * that switch governs in practice. Pure: the caller passes the queue state and the clock.
 */
export type OfflineLimits = z.infer<typeof OfflineSettings>;

export const OFFLINE_REFUSALS = ['offline-disabled', 'swiped-not-allowed', 'over-amount', 'over-count', 'over-total', 'too-old'] as const;
export type OfflineRefusal = (typeof OFFLINE_REFUSALS)[number];

export interface OfflineQueueState {
  /** Sales accepted offline and not yet answered by the host. */
  count: number;
  totalFen: number;
  /** When the oldest of them was accepted (ms since the epoch), null when the queue is empty. */
  oldestQueuedAt: number | null;
}

export interface OfflineSaleInput {
  amountFen: number;
  /** Magstripe swipe (every card today). */
  swiped: boolean;
}

export type OfflineVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: OfflineRefusal;
      /** The limit that was hit (fen, count or hours), for the message; null for switches. */
      limit: number | null;
    };

const HOUR_MS = 60 * 60 * 1000;

/** Milliseconds the oldest queued sale may still wait before it is too old to forward under the limit. */
export const oldestRemainingMs = (limits: Pick<OfflineLimits, 'maxAgeHours'>, oldestQueuedAt: number, now: number): number =>
  oldestQueuedAt + limits.maxAgeHours * HOUR_MS - now;

/** Checks, in order: the switches, then the per-sale amount, the count, the total and the oldest sale's age. */
export const checkOfflineLimits = (limits: OfflineLimits, queue: OfflineQueueState, sale: OfflineSaleInput, now: number): OfflineVerdict => {
  if (!limits.enabled) return { ok: false, reason: 'offline-disabled', limit: null };
  if (sale.swiped && !limits.allowSwiped) return { ok: false, reason: 'swiped-not-allowed', limit: null };
  if (sale.amountFen > limits.maxAmountFen) return { ok: false, reason: 'over-amount', limit: limits.maxAmountFen };
  if (queue.count + 1 > limits.maxCount) return { ok: false, reason: 'over-count', limit: limits.maxCount };
  if (queue.totalFen + sale.amountFen > limits.maxTotalFen) return { ok: false, reason: 'over-total', limit: limits.maxTotalFen };
  if (queue.oldestQueuedAt !== null && oldestRemainingMs(limits, queue.oldestQueuedAt, now) <= 0) {
    return { ok: false, reason: 'too-old', limit: limits.maxAgeHours };
  }
  return { ok: true };
};

/** Short alias used by the brief. */
export const check = checkOfflineLimits;

export interface OfflineCountdown {
  /** When the oldest queued sale passes the age limit (ms since the epoch). */
  deadline: number;
  /** Never negative. */
  remainingMs: number;
  expired: boolean;
  hours: number;
  minutes: number;
  seconds: number;
  /** `H:MM:SS`, e.g. `23:04:09`, `0:00:00` once expired. */
  text: string;
}

/** How long the oldest queued sale has left before the age limit; null when nothing is queued. */
export const offlineCountdown = (limits: Pick<OfflineLimits, 'maxAgeHours'>, oldestQueuedAt: number | null, now: number): OfflineCountdown | null => {
  if (oldestQueuedAt === null) return null;
  const left = oldestRemainingMs(limits, oldestQueuedAt, now);
  const remainingMs = Math.max(0, left);
  const total = Math.floor(remainingMs / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return {
    deadline: oldestQueuedAt + limits.maxAgeHours * HOUR_MS,
    remainingMs,
    expired: left <= 0,
    hours,
    minutes,
    seconds,
    text: `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`,
  };
};
