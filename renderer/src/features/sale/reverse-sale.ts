import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { createSale, updateSale } from '../../data/sales-repo';

/** What is left to refund of a sale: its amount less every approved refund linked to it. */
export const refundableFen = async (db: CountersignDb, original: SaleRecord): Promise<number> => {
  const linked = await db.sales.where('originalSaleId').equals(original.id).toArray();
  const refunded = linked.filter((s) => s.kind === 'refund' && s.state === 'approved').reduce((t, s) => t + s.amountFen, 0);
  return Math.max(0, original.amountFen - refunded);
};

/** Voids apply to the open batch only: same batch number and not yet voided or refunded. */
export const canVoid = async (db: CountersignDb, original: SaleRecord, openBatch: string | null): Promise<boolean> => {
  if (original.kind !== 'sale' || original.state !== 'approved') return false;
  if (openBatch && original.batch && original.batch !== openBatch) return false;
  const linked = await db.sales.where('originalSaleId').equals(original.id).filter((s) => s.state === 'approved').count();
  return linked === 0;
};

export type ReverseOutcome =
  | { ok: true; record: SaleRecord }
  | { ok: false; reason: 'over-remaining' | 'not-voidable' | 'declined' | 'no-answer' | 'not-sent'; record?: SaleRecord; responseCode?: string | null };

/**
 * A void or (partial) refund, approved by a manager beforehand (main's one-time grant, which
 * main checks and uses up when the request is sent): a new linked sale record is
 * written ahead with its STAN, sent with the original's host references, and the outcome
 * recorded; a void also marks the original `voided`. The original record is never rewritten
 * otherwise.
 */
export const reverseSale = async (
  deps: { db: CountersignDb; api: CountersignApi; operatorId: string; approvedBy: string; grantId: string },
  original: SaleRecord,
  kind: 'void' | 'refund',
  amountFen: number,
): Promise<ReverseOutcome> => {
  const { db, api, operatorId } = deps;
  if (kind === 'refund' && (amountFen <= 0 || amountFen > (await refundableFen(db, original)))) return { ok: false, reason: 'over-remaining' };
  if (kind === 'void' && !(await canVoid(db, original, null))) return { ok: false, reason: 'not-voidable' };
  const value = kind === 'void' ? original.amountFen : amountFen;
  let record = await createSale(db, { kind, amountFen: value, operatorId, reference: original.reference, note: `approved by ${deps.approvedBy}`, originalSaleId: original.id });
  record = await updateSale(db, record.id, { state: 'card-read', card: original.card, last4: original.last4, fingerprint: '' }, { actor: operatorId, action: `${kind}.prepared`, detail: { approvedBy: deps.approvedBy } });
  const prepared = await api.invoke('acquirer:prepare', { saleId: record.id });
  if (!prepared.ok) {
    record = await updateSale(db, record.id, { state: 'cancelled' }, { actor: operatorId, action: `${kind}.not-sent`, result: 'fail' });
    return { ok: false, reason: 'not-sent', record };
  }
  record = await updateSale(db, record.id, { state: 'authorizing', stan: prepared.value.stan, batch: prepared.value.batch }, { actor: operatorId, action: `${kind}.authorizing` });
  const answer = await api.invoke('acquirer:authorize', {
    saleId: record.id,
    stan: prepared.value.stan,
    kind,
    amountFen: value,
    original: { saleId: original.id, stan: original.stan ?? '', rrn: original.rrn ?? '', authCode: original.authCode ?? '', amountFen: original.amountFen },
    grantId: deps.grantId,
  });
  if (!answer.ok || answer.value.outcome === 'no-answer' || (answer.value.outcome === 'failed' && answer.value.failure !== 'no-connection')) {
    record = await updateSale(db, record.id, { state: 'unknown' }, { actor: operatorId, action: `${kind}.no-answer`, result: 'fail' });
    return { ok: false, reason: 'no-answer', record };
  }
  const r = answer.value;
  if (r.outcome === 'failed') {
    record = await updateSale(db, record.id, { state: 'cancelled' }, { actor: operatorId, action: `${kind}.not-sent`, result: 'fail', detail: { failure: r.failure } });
    return { ok: false, reason: 'not-sent', record };
  }
  const host = { responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, channel: 'online' as const, signatureState: 'not-required' as const };
  if (r.outcome !== 'approved') {
    record = await updateSale(db, record.id, { state: 'declined', ...host }, { actor: operatorId, action: `${kind}.declined`, result: 'fail' });
    return { ok: false, reason: 'declined', record, responseCode: host.responseCode };
  }
  record = await updateSale(db, record.id, { state: 'approved', ...host }, { actor: operatorId, action: `${kind}.approved`, detail: { originalSaleId: original.id } });
  if (kind === 'void') await updateSale(db, original.id, { state: 'voided' }, { actor: operatorId, action: 'sale.voided', detail: { voidId: record.id } });
  return { ok: true, record };
};

/** Refunds and voids linked to a sale, oldest first. */
export const linkedRecords = (db: CountersignDb, saleId: string): Promise<SaleRecord[]> =>
  db.sales.where('originalSaleId').equals(saleId).sortBy('createdAt');

