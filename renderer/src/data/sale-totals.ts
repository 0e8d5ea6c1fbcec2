import { dayOf } from '../../../shared/domain/reconciliation/values';
import type { SaleRecord } from './records';
import type { TotalBucket, TotalRecord } from './records-eod';

/**
 * What one sale adds to the running totals, by its current record: a charged sale is a debit, an
 * approved void or refund a credit (what the host settles); offline sales waiting, declines,
 * forwarded offline sales and unsigned sales are counted beside them. Each counts once per day
 * (the shop's day it was taken) and once per batch. A step that moves a sale from one bucket to
 * another moves its contribution in the same transaction (totalsDelta).
 */
export type Contribution = Pick<TotalRecord, 'key' | 'scope' | 'scopeId' | 'operatorId' | 'kind' | 'brand' | 'bucket' | 'count' | 'amountFen'>;

type Counted = Pick<SaleRecord, 'kind' | 'state' | 'signatureState' | 'amountFen' | 'operatorId' | 'createdAt' | 'batch' | 'card' | 'forwardedAt'>;

const bucketsOf = (s: Counted): TotalBucket[] => {
  const out: TotalBucket[] = [];
  if (s.kind === 'sale' && (s.state === 'approved' || s.state === 'voided')) {
    out.push('debit');
    if (s.forwardedAt !== null) out.push('forwarded');
  } else if (s.kind !== 'sale' && s.state === 'approved') out.push('credit');
  else if (s.state === 'offline-accepted') out.push('offline');
  else if (s.state === 'declined') out.push('declined');
  if (s.signatureState === 'unsigned' && (s.state === 'approved' || s.state === 'offline-accepted')) out.push('unsigned');
  return out;
};

export const totalKey = (scope: 'day' | 'batch', scopeId: string, operatorId: string, kind: string, brand: string, bucket: TotalBucket): string => `${scope}|${scopeId}|${operatorId}|${kind}|${brand}|${bucket}`;

export const contributions = (s: Counted): Contribution[] => {
  const buckets = bucketsOf(s);
  if (buckets.length === 0) return [];
  const brand = s.card?.brand ?? 'unknown';
  const scopes: Array<['day' | 'batch', string]> = [['day', dayOf(s.createdAt)]];
  if (s.batch) scopes.push(['batch', s.batch]);
  const out: Contribution[] = [];
  for (const [scope, scopeId] of scopes) {
    for (const bucket of buckets) out.push({ key: totalKey(scope, scopeId, s.operatorId, s.kind, brand, bucket), scope, scopeId, operatorId: s.operatorId, kind: s.kind, brand, bucket, count: 1, amountFen: s.amountFen });
  }
  return out;
};

/** The change to the totals when a sale goes from `before` to `after` (either may be absent). Empty when nothing it counts changed. */
export const totalsDelta = (before: Counted | null, after: Counted | null): Contribution[] => {
  const delta = new Map<string, Contribution>();
  for (const [sign, s] of [
    [-1, before],
    [1, after],
  ] as const) {
    if (!s) continue;
    for (const c of contributions(s)) {
      const d = delta.get(c.key);
      if (d) {
        d.count += sign;
        d.amountFen += sign * c.amountFen;
      } else delta.set(c.key, { ...c, count: sign, amountFen: sign * c.amountFen });
    }
  }
  return [...delta.values()].filter((d) => d.count !== 0 || d.amountFen !== 0);
};
