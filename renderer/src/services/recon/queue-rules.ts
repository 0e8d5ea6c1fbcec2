import type { MatchKind } from '../../../../shared/domain/reconciliation/match-types';
import type { CaseType } from '../../data/records';

/** What a person can do about each kind of mismatch, in the order the screen offers it. */
export type NextStep = 'dispute' | 'inquiry' | 'note';

export const NEXT_STEPS: Record<MatchKind, readonly NextStep[]> = {
  matched: [],
  'deposit-matched': [],
  // The console has it, the acquirer does not: ask the host; if it was charged, the shop is owed the money.
  'missing-at-acquirer': ['inquiry', 'dispute', 'note'],
  // The acquirer charged something the console never took: a charge the shop did not make.
  'missing-in-console': ['dispute', 'note'],
  'amount-differs': ['inquiry', 'dispute', 'note'],
  'fee-differs': ['dispute', 'note'],
  duplicated: ['dispute', 'note'],
  'deposit-missing': ['dispute', 'note'],
  'deposit-different': ['dispute', 'note'],
};

/** The dispute case each mismatch opens (the disputes feature's case types). */
export const CASE_TYPE_FOR: Record<MatchKind, CaseType> = {
  matched: 'other',
  'deposit-matched': 'other',
  'missing-at-acquirer': 'system-fault',
  'missing-in-console': 'failed-but-charged',
  'amount-differs': 'wrong-amount',
  'fee-differs': 'other',
  duplicated: 'duplicate-charge',
  'deposit-missing': 'other',
  'deposit-different': 'other',
};

/** Every day from `from` to `to`, inclusive ('YYYY-MM-DD'). */
export const daysIn = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
