import type { CountersignDb } from '../data/db';
import type { SaleRecord } from '../data/records';
import { createSale, linkedTo, updateSaleSteps } from '../data/sales-repo';
import type { ActionFailure } from './operator-session';
import { sendWrittenAhead, step } from './send';
import type { SendDeps } from './send';

/** What is left to refund of a sale: its amount less every approved refund linked to it. */
export const refundableFen = async (db: CountersignDb, original: SaleRecord): Promise<number> => {
  const refunded = (await linkedTo(db, original.id)).filter((s) => s.kind === 'refund' && s.state === 'approved').reduce((t, s) => t + s.amountFen, 0);
  return Math.max(0, original.amountFen - refunded);
};

/** Voids apply to the open batch only: an approved sale of that batch, not yet voided or refunded. */
export const canVoid = async (db: CountersignDb, original: SaleRecord, openBatch: string | null): Promise<boolean> => {
  if (original.kind !== 'sale' || original.state !== 'approved') return false;
  if (openBatch && original.batch && original.batch !== openBatch) return false;
  return (await linkedTo(db, original.id)).every((s) => s.state !== 'approved');
};

export type ReverseOutcome =
  | { ok: true; record: SaleRecord }
  | { ok: false; reason: 'over-remaining' | 'not-voidable' | 'declined' | 'no-answer' | 'not-sent'; record?: SaleRecord; responseCode?: string | null }
  /** The named manager's approval was refused by main (wrong PIN, back-off, lockout, not a manager). */
  | ({ ok: false; record?: undefined } & ActionFailure);

/**
 * A void or (partial) refund, approved by a named manager beforehand (main's one-time grant,
 * which main checks and uses up when the request is sent, and journals): a new linked record on the one
 * send path (send.ts), on the original's link, with the original's host references; a void and
 * the original's `voided` are written in one transaction. The original is never rewritten
 * otherwise.
 */
export const reverseSale = async (deps: SendDeps, original: SaleRecord, kind: 'void' | 'refund', amountFen: number, approval: { approvedBy: string; grantId: string }): Promise<ReverseOutcome> => {
  const { approvedBy, grantId } = approval;
  const { db } = deps;
  if (kind === 'refund' && (amountFen <= 0 || amountFen > (await refundableFen(db, original)))) return { ok: false, reason: 'over-remaining' };
  if (kind === 'void' && !(await canVoid(db, original, null))) return { ok: false, reason: 'not-voidable' };
  const value = kind === 'void' ? original.amountFen : amountFen;
  const created = await createSale(db, { kind, amountFen: value, operatorId: deps.operatorId, reference: original.reference, note: `approved by ${approvedBy}`, originalSaleId: original.id });
  const prepared = await updateSaleSteps(db, created.id, [step(deps, { state: 'card-read', card: original.card, last4: original.last4, fingerprint: '' }, `${kind}.prepared`, { detail: { approvedBy } })]);
  const result = await sendWrittenAhead(deps, prepared, {
    before: [],
    requireLink: original.linkId,
    request: (stan, linkId) => ({
      saleId: prepared.id,
      stan,
      linkId,
      kind,
      amountFen: value,
      original: { saleId: original.id, stan: original.stan ?? '', rrn: original.rrn ?? '', authCode: original.authCode ?? '', amountFen: original.amountFen },
      grantId,
    }),
    ...(kind === 'void' ? { voids: original } : {}),
  });
  switch (result.kind) {
    case 'approved':
      return { ok: true, record: result.sale };
    case 'declined':
      return { ok: false, reason: 'declined', record: result.sale, responseCode: result.responseCode };
    case 'unknown':
      return { ok: false, reason: 'no-answer', record: result.sale };
    default:
      return { ok: false, reason: 'not-sent', record: result.sale };
  }
};
