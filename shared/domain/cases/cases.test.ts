import { describe, expect, it } from 'vitest';
import { CaseSettings, defaultSettings } from '../settings';
import { CASE_TYPES, DEFAULT_DUE_DAYS, dueAtFor, dueDaysKey, dueDaysOf } from './case-types';
import { canMove, countdown, dueState } from './case-status';
import { CARD_SCHEMES, REASON_CATEGORIES, categoryOf, reasonCodesOf } from './reason-codes';
import { checklistSpec, evaluateChecklist } from './checklists';
import type { CaseFacts, FactSale } from './evidence-facts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1, 6);

const sale = (over: Partial<FactSale> = {}): FactSale => ({
  id: 's1', kind: 'sale', state: 'approved', amountFen: 8800, createdAt: T0, authCode: '123456', rrn: '000000000001',
  responseCode: '00', reversalCode: null, fingerprint: 'fp', last4: '0119', originalSaleId: null, ...over,
});
const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({ complaintAt: T0 + DAY, sales: [sale()], linked: [], signatures: [], prints: [], inquiries: [], slipsPrinted: 0, attachmentKinds: [], ...over });
const item = (list: ReturnType<typeof evaluateChecklist>, id: string) => list.items.find((i) => i.item === id);

describe('case types and deadlines', () => {
  it('every case type has a deadline setting with its default, editable per type', () => {
    const cases = defaultSettings().cases;
    for (const type of CASE_TYPES) expect(cases[dueDaysKey(type) as keyof typeof cases]).toBe(DEFAULT_DUE_DAYS[type]);
    expect(Object.keys(CaseSettings.shape)).toHaveLength(CASE_TYPES.length + 1);
    expect(dueDaysOf({ ...cases, chargebackDays: 15 }, 'chargeback')).toBe(15);
    expect(dueAtFor(T0, 7)).toBe(T0 + 7 * DAY);
  });

  it('a deadline outside 1..180 days is refused by the settings schema', () => {
    expect(CaseSettings.safeParse({ chargebackDays: 0 }).success).toBe(false);
    expect(CaseSettings.safeParse({ chargebackDays: 181 }).success).toBe(false);
  });
});

describe('chargeback reason codes', () => {
  it('UnionPay, Visa and Mastercard each have a code for the seven categories', () => {
    for (const scheme of CARD_SCHEMES) expect(new Set(reasonCodesOf(scheme).map((r) => r.category))).toEqual(new Set(REASON_CATEGORIES));
  });

  it('finds a code’s category and returns null for an unknown code', () => {
    expect(categoryOf('visa', '12.6.1')).toBe('duplicate');
    expect(categoryOf('mastercard', ' 4863 ')).toBe('not-recognised');
    expect(categoryOf('unionpay', '9999')).toBeNull();
  });
});

describe('case status', () => {
  it('moves open → evidence sent → won, and a decided case only reopens', () => {
    expect(canMove('open', 'evidence-sent')).toBe(true);
    expect(canMove('evidence-sent', 'won')).toBe(true);
    expect(canMove('won', 'lost')).toBe(false);
    expect(canMove('won', 'open')).toBe(true);
    expect(canMove('open', 'open')).toBe(false);
  });

  it('is due soon within two days, overdue once the due time passes, and has no deadline once decided', () => {
    const dueAt = T0 + 3 * DAY;
    expect(dueState({ status: 'open', dueAt }, T0)).toBe('ok');
    expect(dueState({ status: 'open', dueAt }, T0 + 2 * DAY)).toBe('due-soon');
    expect(dueState({ status: 'evidence-sent', dueAt }, dueAt)).toBe('overdue');
    expect(dueState({ status: 'won', dueAt }, dueAt + DAY)).toBe('none');
    expect(countdown(dueAt, T0 + 2.5 * DAY)).toEqual({ overdue: false, days: 0, hours: 12 });
    expect(countdown(dueAt, dueAt + DAY + 3_600_000)).toEqual({ overdue: true, days: 1, hours: 1 });
  });
});

describe('checklists fill themselves from the records', () => {
  it('failed-but-charged needs the host inquiry and the customer slip', () => {
    const before = evaluateChecklist('failed-but-charged', null, facts());
    expect(before).toMatchObject({ complete: false, missing: 2 });
    expect(item(before, 'host-inquiry')).toMatchObject({ level: 'required', satisfied: false, action: 'inquire' });
    const after = evaluateChecklist('failed-but-charged', null, facts({ inquiries: [{ saleId: 's1', outcome: 'not-found' }], slipsPrinted: 1 }));
    expect(after).toMatchObject({ complete: true, missing: 0 });
  });

  it('a signed slip counts only with a digest; a supplementary signature satisfies the one-of group', () => {
    const unsigned = evaluateChecklist('not-recognised', null, facts({ signatures: [{ saleId: 's1', kind: 'original', digest: null }] }));
    expect(item(unsigned, 'signed-slip')?.satisfied).toBe(false);
    expect(unsigned.missing).toBe(1);
    const supp = evaluateChecklist('not-recognised', null, facts({ signatures: [{ saleId: 's1', kind: 'supplementary', digest: 'ab' }] }));
    expect(item(supp, 'supplementary-signature')?.satisfied).toBe(true);
    expect(supp.complete).toBe(true);
  });

  it('a duplicate pair (same amount, different RRN) satisfies the second charge; the refund of one with a host answer satisfies the refund', () => {
    const pair = [sale(), sale({ id: 's2', rrn: '000000000002', createdAt: T0 + 60_000 })];
    const c = evaluateChecklist('duplicate-charge', null, facts({ sales: pair }));
    expect(item(c, 'second-charge')?.satisfied).toBe(true);
    expect(item(c, 'reversal-or-refund')?.satisfied).toBe(false);
    const refunded = evaluateChecklist('duplicate-charge', null, facts({ sales: pair, linked: [sale({ id: 'r1', kind: 'refund', originalSaleId: 's2', createdAt: T0 + DAY / 2 })] }));
    expect(item(refunded, 'reversal-or-refund')?.satisfied).toBe(true);
    const sameRrn = evaluateChecklist('duplicate-charge', null, facts({ sales: [sale(), sale({ id: 's2' })] }));
    expect(item(sameRrn, 'second-charge')?.satisfied).toBe(false);
  });

  it('refund not received: the refund must be approved before the complaint', () => {
    const late = evaluateChecklist('refund-not-received', null, facts({ linked: [sale({ id: 'r1', kind: 'refund', originalSaleId: 's1', createdAt: T0 + 2 * DAY })] }));
    expect(item(late, 'refund-before-complaint')?.satisfied).toBe(false);
    const early = evaluateChecklist('refund-not-received', null, facts({ linked: [sale({ id: 'r1', kind: 'refund', originalSaleId: 's1', createdAt: T0 + DAY / 2 })] }));
    expect(early.complete).toBe(true);
  });

  it('a chargeback’s list follows its reason and always asks for the approval', () => {
    expect(checklistSpec('chargeback', 'paid-by-other-means').map((s) => s.item)).toEqual(['other-payment', 'reversal-or-refund', 'auth-rrn', 'bank-notice']);
    const fraud = evaluateChecklist('chargeback', 'fraud-no-signature', facts({ attachmentKinds: ['bank-notice', 'slip-photo'] }));
    expect(item(fraud, 'signed-slip')).toMatchObject({ level: 'required', satisfied: false });
    expect(item(fraud, 'bank-notice')?.satisfied).toBe(true);
    expect(fraud.complete).toBe(false);
  });

  it('receipts count as printed only when confirmed or sent, and a retrieval request with none is incomplete', () => {
    const failed = evaluateChecklist('retrieval-request', null, facts({ prints: [{ saleId: 's1', copy: 'merchant', state: 'failed' }], signatures: [{ saleId: 's1', kind: 'original', digest: 'ab' }] }));
    expect(item(failed, 'receipts-printed')?.satisfied).toBe(false);
    const ok = evaluateChecklist('retrieval-request', null, facts({ prints: [{ saleId: 's1', copy: 'merchant', state: 'confirmed' }], signatures: [{ saleId: 's1', kind: 'original', digest: 'ab' }] }));
    expect(ok.complete).toBe(true);
  });

  it('a case with no sale linked satisfies nothing that needs a sale', () => {
    const none = evaluateChecklist('chargeback', 'not-recognised', facts({ sales: [] }));
    expect(none.items.filter((i) => i.satisfied)).toEqual([]);
  });
});
