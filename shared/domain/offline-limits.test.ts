import { describe, expect, it } from 'vitest';
import { OFFLINE_REFUSALS, check, checkOfflineLimits, offlineCountdown, oldestRemainingMs } from './offline-limits';
import type { OfflineLimits } from './offline-limits';
import { defaultSettings } from './settings';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const on: OfflineLimits = { enabled: true, maxAmountFen: 50_000, maxCount: 3, maxTotalFen: 100_000, maxAgeHours: 24, allowSwiped: true };
const empty = { count: 0, totalFen: 0, oldestQueuedAt: null };
const swipe = (amountFen: number) => ({ amountFen, swiped: true });

describe('checkOfflineLimits', () => {
  it('accepts a sale within every limit', () => {
    expect(checkOfflineLimits(on, empty, swipe(10_000), NOW)).toEqual({ ok: true });
    expect(checkOfflineLimits(on, { count: 2, totalFen: 50_000, oldestQueuedAt: NOW - 23 * HOUR }, swipe(50_000), NOW)).toEqual({ ok: true });
  });

  it('refuses everything while offline sales are off (the default)', () => {
    expect(checkOfflineLimits(defaultSettings().offline, empty, swipe(100), NOW)).toEqual({ ok: false, reason: 'offline-disabled', limit: null });
  });

  it('refuses a swiped card unless the merchant allows magstripe offline', () => {
    expect(checkOfflineLimits({ ...on, allowSwiped: false }, empty, swipe(100), NOW)).toMatchObject({ ok: false, reason: 'swiped-not-allowed' });
    expect(checkOfflineLimits({ ...on, allowSwiped: false }, empty, { amountFen: 100, swiped: false }, NOW)).toEqual({ ok: true });
  });

  it('refuses a sale over the per-sale amount, and accepts one exactly at it', () => {
    expect(checkOfflineLimits(on, empty, swipe(50_001), NOW)).toEqual({ ok: false, reason: 'over-amount', limit: 50_000 });
    expect(checkOfflineLimits(on, empty, swipe(50_000), NOW).ok).toBe(true);
  });

  it('refuses once the queue holds the maximum count', () => {
    expect(checkOfflineLimits(on, { count: 3, totalFen: 300, oldestQueuedAt: NOW }, swipe(100), NOW)).toEqual({ ok: false, reason: 'over-count', limit: 3 });
  });

  it('refuses a sale that would take the queued total over the limit', () => {
    expect(checkOfflineLimits(on, { count: 1, totalFen: 60_000, oldestQueuedAt: NOW }, swipe(40_001), NOW)).toEqual({ ok: false, reason: 'over-total', limit: 100_000 });
    expect(checkOfflineLimits(on, { count: 1, totalFen: 60_000, oldestQueuedAt: NOW }, swipe(40_000), NOW).ok).toBe(true);
  });

  it('refuses new offline sales once the oldest queued sale has reached the age limit', () => {
    expect(checkOfflineLimits(on, { count: 1, totalFen: 100, oldestQueuedAt: NOW - 24 * HOUR }, swipe(100), NOW)).toEqual({ ok: false, reason: 'too-old', limit: 24 });
    expect(checkOfflineLimits(on, { count: 1, totalFen: 100, oldestQueuedAt: NOW - 24 * HOUR + 1 }, swipe(100), NOW).ok).toBe(true);
  });

  it('names one of the documented reasons for every refusal', () => {
    const cases = [
      checkOfflineLimits({ ...on, enabled: false }, empty, swipe(1), NOW),
      checkOfflineLimits({ ...on, allowSwiped: false }, empty, swipe(1), NOW),
      checkOfflineLimits(on, empty, swipe(10_000_000), NOW),
      checkOfflineLimits({ ...on, maxCount: 0 }, empty, swipe(1), NOW),
      checkOfflineLimits({ ...on, maxTotalFen: 0 }, empty, swipe(1), NOW),
      checkOfflineLimits(on, { count: 1, totalFen: 1, oldestQueuedAt: 0 }, swipe(1), NOW),
    ];
    const reasons = cases.map((c) => (c.ok ? 'ok' : c.reason));
    expect(reasons).toEqual([...OFFLINE_REFUSALS]);
  });
});

describe('offlineCountdown', () => {
  it('is null with nothing queued', () => {
    expect(offlineCountdown(on, null, NOW)).toBeNull();
  });

  it('counts down to the oldest sale’s age limit', () => {
    const c = offlineCountdown(on, NOW - (HOUR + 55 * 60_000 + 51_000), NOW);
    expect(c).toMatchObject({ expired: false, hours: 22, minutes: 4, seconds: 9, text: '22:04:09', deadline: NOW - (HOUR + 55 * 60_000 + 51_000) + 24 * HOUR });
  });

  it('stops at zero and says expired', () => {
    expect(offlineCountdown(on, NOW - 30 * HOUR, NOW)).toMatchObject({ expired: true, remainingMs: 0, text: '0:00:00' });
  });
});

describe('check / oldestRemainingMs', () => {
  it('check is the same pure function under the short name', () => {
    expect(check(on, empty, swipe(10_000), NOW)).toEqual(checkOfflineLimits(on, empty, swipe(10_000), NOW));
  });

  it('oldestRemainingMs counts down from the age limit and goes negative past it', () => {
    expect(oldestRemainingMs(on, NOW, NOW)).toBe(24 * HOUR);
    expect(oldestRemainingMs(on, NOW - 23 * HOUR, NOW)).toBe(HOUR);
    expect(oldestRemainingMs(on, NOW - 25 * HOUR, NOW)).toBe(-HOUR);
  });
});
