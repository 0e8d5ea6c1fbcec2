import type { CaseType } from './case-types';
import type { AttachmentKind, CaseFacts, FactSale } from './evidence-facts';
import type { ReasonCategory } from './reason-codes';

/**
 * Evidence checklists, after Adyen's defence documents (requirement levels and a satisfied flag),
 * made live: each item is satisfied from the records (evidence-facts.ts), never ticked by hand, and
 * an unsatisfied one names the action that gets it.
 */
export const EVIDENCE_ITEMS = [
  'signed-slip',
  'supplementary-signature',
  'slip-photo',
  'auth-rrn',
  'host-inquiry',
  'reversal-or-refund',
  'second-charge',
  'refund-before-complaint',
  'receipts-printed',
  'customer-slip',
  'bank-notice',
  'customer-letter',
  'other-payment',
] as const;
export type EvidenceItem = (typeof EVIDENCE_ITEMS)[number];

export type Level = 'required' | 'one-of' | 'optional';

/** What the case screen does for an unsatisfied item. */
export type EvidenceAction = 'inquire' | 'supplementary-signature' | 'attach' | 'print-slip' | 'print-receipt' | 'refund' | 'link-sale' | 'none';

export const ACTION_OF: Record<EvidenceItem, EvidenceAction> = {
  'signed-slip': 'supplementary-signature',
  'supplementary-signature': 'supplementary-signature',
  'slip-photo': 'attach',
  'auth-rrn': 'inquire',
  'host-inquiry': 'inquire',
  'reversal-or-refund': 'refund',
  'second-charge': 'link-sale',
  'refund-before-complaint': 'none',
  'receipts-printed': 'print-receipt',
  'customer-slip': 'print-slip',
  'bank-notice': 'attach',
  'customer-letter': 'attach',
  'other-payment': 'attach',
};

/** The attachment kind an `attach` item asks for. */
export const ATTACHMENT_FOR: Partial<Record<EvidenceItem, AttachmentKind>> = {
  'slip-photo': 'slip-photo',
  'bank-notice': 'bank-notice',
  'customer-letter': 'customer-letter',
  'other-payment': 'other-payment',
};

interface Spec {
  item: EvidenceItem;
  level: Level;
}
const req = (item: EvidenceItem): Spec => ({ item, level: 'required' });
const oneOf = (item: EvidenceItem): Spec => ({ item, level: 'one-of' });
const opt = (item: EvidenceItem): Spec => ({ item, level: 'optional' });

/** Proof the cardholder took part: any one of these. */
const SIGNED = [oneOf('signed-slip'), oneOf('supplementary-signature'), oneOf('slip-photo')];

const BY_TYPE: Record<Exclude<CaseType, 'chargeback'>, Spec[]> = {
  'failed-but-charged': [req('host-inquiry'), req('customer-slip'), opt('reversal-or-refund'), opt('receipts-printed')],
  'wrong-amount': [req('auth-rrn'), ...SIGNED, opt('receipts-printed'), opt('reversal-or-refund'), opt('customer-letter')],
  'duplicate-charge': [req('auth-rrn'), oneOf('second-charge'), oneOf('reversal-or-refund'), opt('receipts-printed'), opt('customer-slip')],
  'refund-not-received': [req('reversal-or-refund'), req('refund-before-complaint'), opt('receipts-printed'), opt('customer-slip')],
  'not-recognised': [req('auth-rrn'), ...SIGNED, opt('receipts-printed'), opt('customer-letter')],
  'card-info-error': [req('auth-rrn'), req('host-inquiry'), opt('receipts-printed')],
  'system-fault': [req('host-inquiry'), opt('customer-slip'), opt('receipts-printed')],
  'retrieval-request': [req('auth-rrn'), ...SIGNED, req('receipts-printed'), opt('bank-notice')],
  unsigned: [...SIGNED, opt('auth-rrn')],
  other: [opt('auth-rrn'), opt('signed-slip'), opt('receipts-printed'), opt('customer-letter')],
};

const BY_REASON: Record<ReasonCategory, Spec[]> = {
  duplicate: [oneOf('second-charge'), oneOf('reversal-or-refund')],
  'paid-by-other-means': [req('other-payment'), opt('reversal-or-refund')],
  'incorrect-amount': [...SIGNED, opt('receipts-printed')],
  'credit-not-processed': [req('reversal-or-refund'), req('refund-before-complaint')],
  'not-recognised': [...SIGNED, req('receipts-printed')],
  'no-authorisation': [req('host-inquiry')],
  'fraud-no-signature': [req('signed-slip'), oneOf('supplementary-signature'), oneOf('slip-photo')],
};

/** The items of a type (a chargeback's depend on its reason; without one, the signed slip group). */
export const checklistSpec = (type: CaseType, reason: ReasonCategory | null): Spec[] => {
  if (type !== 'chargeback') return BY_TYPE[type];
  const specific = reason ? BY_REASON[reason] : SIGNED;
  // A chargeback always needs the approval (auth code and RRN) and keeps the notice itself.
  const base = [req('auth-rrn'), opt('bank-notice')];
  // An item listed twice keeps its first (stronger) level.
  return [...specific, ...base].filter((s, i, all) => all.findIndex((o) => o.item === s.item) === i);
};

const approved = (s: FactSale): boolean => s.state === 'approved' || s.state === 'voided';

const satisfiedBy: Record<EvidenceItem, (f: CaseFacts) => boolean> = {
  'signed-slip': (f) => f.sales.length > 0 && f.sales.every((s) => f.signatures.some((g) => g.saleId === s.id && g.kind === 'original' && g.digest !== null)),
  'supplementary-signature': (f) => f.sales.length > 0 && f.sales.every((s) => f.signatures.some((g) => g.saleId === s.id && g.kind === 'supplementary' && g.digest !== null)),
  'slip-photo': (f) => f.attachmentKinds.includes('slip-photo') || (f.sales.length > 0 && f.sales.every((s) => f.signatures.some((g) => g.saleId === s.id && g.kind === 'paper'))),
  'auth-rrn': (f) => f.sales.length > 0 && f.sales.every((s) => approved(s) && !!s.authCode && !!s.rrn),
  'host-inquiry': (f) => f.sales.length > 0 && f.sales.every((s) => f.inquiries.some((q) => q.saleId === s.id)),
  'reversal-or-refund': (f) =>
    f.sales.some((s) => (s.state === 'reversed' && s.reversalCode !== null) || f.linked.some((l) => l.originalSaleId === s.id && l.state === 'approved' && l.responseCode !== null)),
  'second-charge': (f) => {
    const charged = f.sales.filter((s) => approved(s) && s.rrn);
    return charged.length >= 2 && new Set(charged.map((s) => s.rrn)).size === charged.length && new Set(charged.map((s) => s.amountFen)).size < charged.length;
  },
  'refund-before-complaint': (f) => f.linked.some((l) => l.kind !== 'sale' && l.state === 'approved' && l.createdAt <= f.complaintAt),
  'receipts-printed': (f) => f.sales.length > 0 && f.sales.every((s) => f.prints.some((p) => p.saleId === s.id && (p.copy === 'merchant' || p.copy === 'customer') && (p.state === 'confirmed' || p.state === 'sent'))),
  'customer-slip': (f) => f.slipsPrinted > 0,
  'bank-notice': (f) => f.attachmentKinds.includes('bank-notice'),
  'customer-letter': (f) => f.attachmentKinds.includes('customer-letter'),
  'other-payment': (f) => f.attachmentKinds.includes('other-payment'),
};

export interface ChecklistItem {
  item: EvidenceItem;
  level: Level;
  satisfied: boolean;
  action: EvidenceAction;
  attachmentKind: AttachmentKind | null;
}

export interface Checklist {
  items: ChecklistItem[];
  /** Every required item satisfied and, if the list has one-of items, at least one of them. */
  complete: boolean;
  /** Items still missing that count towards `complete` (required, or the one-of group when none is met). */
  missing: number;
}

export const evaluateChecklist = (type: CaseType, reason: ReasonCategory | null, facts: CaseFacts): Checklist => {
  const items = checklistSpec(type, reason).map(({ item, level }): ChecklistItem => ({ item, level, satisfied: satisfiedBy[item](facts), action: ACTION_OF[item], attachmentKind: ATTACHMENT_FOR[item] ?? null }));
  const required = items.filter((i) => i.level === 'required');
  const group = items.filter((i) => i.level === 'one-of');
  const groupMet = group.length === 0 || group.some((i) => i.satisfied);
  const missing = required.filter((i) => !i.satisfied).length + (groupMet ? 0 : 1);
  return { items, complete: missing === 0, missing };
};
