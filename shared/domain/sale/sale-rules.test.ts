import { describe, expect, it } from 'vitest';
import { IllegalTransition, assertTransition, canTransition } from './sale-state';
import { signatureRequired, unsignedFinish } from './signature-rule';
import { DUPLICATE_WINDOW_MS, findLikelyDuplicate } from './duplicate-guard';

describe('sale state machine', () => {
  it('follows the documented path', () => {
    expect(canTransition('created', 'card-read')).toBe(true);
    expect(canTransition('card-read', 'authorizing')).toBe(true);
    expect(canTransition('authorizing', 'unknown')).toBe(true);
    expect(canTransition('unknown', 'reversed')).toBe(true);
    expect(canTransition('offline-accepted', 'forwarding')).toBe(true);
    expect(canTransition('forwarding', 'declined')).toBe(true);
    // An advice is written `forwarding` before each send: never straight to an answer.
    expect(canTransition('offline-accepted', 'approved')).toBe(false);
  });
  it('never resurrects a finished sale', () => {
    expect(() => assertTransition('declined', 'approved')).toThrow(IllegalTransition);
    expect(() => assertTransition('reversed', 'approved')).toThrow(IllegalTransition);
    expect(() => assertTransition('approved', 'declined')).toThrow(IllegalTransition);
    expect(canTransition('created', 'approved')).toBe(false);
  });
});

describe('signature rule', () => {
  it('always, above an amount, never', () => {
    expect(signatureRequired({ rule: 'always', aboveAmountFen: 0, forced: false }, 1)).toBe(true);
    expect(signatureRequired({ rule: 'above', aboveAmountFen: 30_000, forced: false }, 30_000)).toBe(false);
    expect(signatureRequired({ rule: 'above', aboveAmountFen: 30_000, forced: false }, 30_001)).toBe(true);
    expect(signatureRequired({ rule: 'never', aboveAmountFen: 0, forced: true }, 1_000_000)).toBe(false);
  });
  it('forced signature needs a manager exemption to finish unsigned', () => {
    expect(unsignedFinish({ rule: 'always', aboveAmountFen: 0, forced: true })).toBe('manager-exemption');
    expect(unsignedFinish({ rule: 'always', aboveAmountFen: 0, forced: false })).toBe('allowed');
  });
});

describe('duplicate-charge guard', () => {
  const now = 1_800_000_000_000;
  const prior = { id: 'a', createdAt: now - 60_000, amountFen: 1250, fingerprint: 'fp', state: 'approved' };
  it('finds the same card and amount within ten minutes', () => {
    expect(findLikelyDuplicate({ fingerprint: 'fp', amountFen: 1250, now }, [prior])?.id).toBe('a');
  });
  it('ignores other amounts, other cards, declined sales and older sales', () => {
    expect(findLikelyDuplicate({ fingerprint: 'fp', amountFen: 1251, now }, [prior])).toBeNull();
    expect(findLikelyDuplicate({ fingerprint: 'other', amountFen: 1250, now }, [prior])).toBeNull();
    expect(findLikelyDuplicate({ fingerprint: 'fp', amountFen: 1250, now }, [{ ...prior, state: 'declined' }])).toBeNull();
    expect(findLikelyDuplicate({ fingerprint: 'fp', amountFen: 1250, now }, [{ ...prior, createdAt: now - DUPLICATE_WINDOW_MS - 1 }])).toBeNull();
  });
});
