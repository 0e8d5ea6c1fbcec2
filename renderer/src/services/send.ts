import { signatureRequired } from '../../../shared/domain/sale/signature-rule';
import type { Settings } from '../../../shared/domain/settings';
import type { HostResult } from '../../../shared/ipc/commands/acquirer';
import type { CountersignApi, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import type { CountersignDb } from '../data/db';
import type { NewPrintJob } from '../data/print-jobs-repo';
import type { Copy, SaleRecord } from '../data/records';
import { recordVoid, updateSaleSteps } from '../data/sales-repo';
import { isStorageFull } from '../data/storage-errors';
import type { SaleChange, SaleStepAudit } from '../data/sales-repo';
import type { InFlight } from './in-flight';
import { markSalePhase } from './sale-timing';

/**
 * The one send path for a sale, a void and a refund (ARCHITECTURE "write-ahead"): the record is
 * written `authorizing` with its STAN and link before anything leaves, the host's answer is
 * written before the next step, and a charge is written with its print jobs and its signature
 * state in the same transaction. A crash at any point leaves a record that says exactly what to
 * resolve (settlement.ts).
 */
export interface SendDeps {
  db: CountersignDb;
  api: CountersignApi;
  operatorId: string;
  settings: () => Settings;
  inFlight: InFlight;
  now: () => number;
}

export type AuthorizeResult =
  | { kind: 'approved'; sale: SaleRecord }
  | { kind: 'declined'; sale: SaleRecord; responseCode: string }
  | { kind: 'offline'; sale: SaleRecord }
  /** `storageFull`: the host answered but the answer could not be written (the disk is full). */
  | { kind: 'unknown'; sale: SaleRecord; storageFull?: boolean }
  | { kind: 'refused'; sale: SaleRecord; reason: string };

export type Step = { change: SaleChange; audit: SaleStepAudit };

export const envelopeReason = (e: Envelope<unknown>): string => (e.ok ? '' : (e.error.reason ?? e.error.code));

export const step = (deps: SendDeps, change: SaleChange, action: string, extra: Omit<SaleStepAudit, 'actor' | 'action'> = {}): Step => ({
  change,
  audit: { actor: deps.operatorId, action, ...extra },
});

const copiesOf = (settings: Settings): Copy[] => [...(settings.printer.merchantCopy ? (['merchant'] as const) : []), ...(settings.printer.customerCopy ? (['customer'] as const) : [])];

/**
 * What a charge of `sale` writes besides its state: the signature it now waits for (`unsigned`
 * until one is recorded, so a sale left at the signature step is in the follow-up at once) and
 * its copies queued for printing. Refunds and voids need neither.
 */
export const chargeExtras = (deps: SendDeps, sale: SaleRecord): { steps: Step[]; prints: NewPrintJob[] } => {
  if (sale.kind !== 'sale') return { steps: [step(deps, { signatureState: 'not-required' }, `${sale.kind}.signature-not-required`)], prints: [] };
  const s = deps.settings();
  const required = signatureRequired(s.signature, sale.amountFen);
  const signature = required
    ? step(deps, { signatureState: 'unsigned', signatureForced: s.signature.forced }, 'sale.awaiting-signature', { detail: { forced: s.signature.forced } })
    : step(deps, { signatureState: 'not-required' }, 'sale.signature-not-required');
  const prints = copiesOf(s).map((copy) => ({ saleId: sale.id, copy, reprint: 0, printer: s.printer.transport, operatorId: deps.operatorId }));
  return { steps: [signature], prints };
};

/** Writes a charged outcome (approval, or acceptance offline) with its extras in one transaction. */
export const writeCharge = (deps: SendDeps, sale: SaleRecord, steps: Step[]): Promise<SaleRecord> => {
  const extras = chargeExtras(deps, sale);
  return updateSaleSteps(deps.db, sale.id, [...steps, ...extras.steps], { queuePrints: extras.prints });
};

export interface SendPlan {
  /** Steps written in the same transaction as `authorizing`, before it (the sale's card read). */
  before: Step[];
  /** The authorize command for this record, given its STAN and link. */
  request: (stan: string, linkId: string) => RequestOf<'acquirer:authorize'>;
  /** The link the record must go to (a void or refund goes to its original's host); refused on another. */
  requireLink?: string | null;
  /** For a void: the original it voids, marked in the same transaction as the approval. */
  voids?: SaleRecord;
  /** Nothing left the PC (link down): the sale may still be accepted offline. */
  notSent?: (sent: SaleRecord) => Promise<AuthorizeResult>;
}

/**
 * Numbers the record (`acquirer:prepare`: STAN, batch, link), writes it `authorizing`, sends it
 * and writes the answer. `prepared` may come from checks made earlier (the counter starts them
 * while the customer finds the card).
 */
export const sendWrittenAhead = async (deps: SendDeps, record: SaleRecord, plan: SendPlan, prepared: Envelope<ResponseOf<'acquirer:prepare'>> | null = null): Promise<AuthorizeResult> => {
  const done = deps.inFlight.add(record.id);
  try {
    const numbered = prepared ?? (await deps.api.invoke('acquirer:prepare', { saleId: record.id }));
    if (!numbered.ok) {
      const cancelled = await updateSaleSteps(deps.db, record.id, [...plan.before, step(deps, { state: 'cancelled' }, `${record.kind}.not-sent`, { result: 'fail', detail: { reason: envelopeReason(numbered) } })]);
      return { kind: 'refused', sale: cancelled, reason: envelopeReason(numbered) };
    }
    const { stan, batch, linkId } = numbered.value;
    if (plan.requireLink !== undefined && plan.requireLink !== linkId) {
      const cancelled = await updateSaleSteps(deps.db, record.id, [...plan.before, step(deps, { state: 'cancelled' }, `${record.kind}.not-sent`, { result: 'fail', detail: { reason: 'link-mismatch', linkId, required: plan.requireLink } })]);
      return { kind: 'refused', sale: cancelled, reason: 'link-mismatch' };
    }
    let sent: SaleRecord;
    try {
      sent = await updateSaleSteps(deps.db, record.id, [...plan.before, step(deps, { state: 'authorizing', stan, batch, linkId }, `${record.kind}.authorizing`, { detail: { stan, linkId } })]);
    } catch (error) {
      // The write-ahead failed (disk full, storage gone): nothing was sent, so nothing was charged.
      return { kind: 'refused', sale: record, reason: isStorageFull(error) ? 'storage-full' : 'not-recorded' };
    }
    markSalePhase('sale:written-ahead');
    const answer = await deps.api.invoke('acquirer:authorize', plan.request(stan, linkId));
    try {
      return await recordAnswer(deps, sent, plan, answer);
    } catch (error) {
      // The host may have charged the card but its answer could not be written. The record still
      // says `authorizing`, so it is settled before the next sale; the cashier hands over nothing.
      return { kind: 'unknown', sale: sent, ...(isStorageFull(error) ? { storageFull: true } : {}) };
    }
  } finally {
    done();
  }
};

/** Writes what the host said about a record already written `authorizing`. */
const recordAnswer = async (deps: SendDeps, sent: SaleRecord, plan: SendPlan, answer: Envelope<HostResult>): Promise<AuthorizeResult> => {
  const kind = sent.kind;
  const write = (...steps: Step[]) => updateSaleSteps(deps.db, sent.id, steps);
  if (!answer.ok) {
    const reason = envelopeReason(answer);
    if (answer.error.code === 'CARD' || answer.error.code === 'VALIDATION' || reason === 'link-mismatch') {
      return { kind: 'refused', sale: await write(step(deps, { state: 'cancelled' }, `${kind}.not-sent`, { result: 'fail', detail: { reason } })), reason };
    }
    // The host process went away mid-request: nobody knows whether the host charged the card.
    return { kind: 'unknown', sale: await write(step(deps, { state: 'unknown' }, `${kind}.no-answer`, { result: 'fail', detail: { reason } })) };
  }
  const r = answer.value;
  markSalePhase('sale:answered');
  const host = { responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, channel: 'online' as const };
  if (r.outcome === 'approved') {
    const approved = step(deps, { state: 'approved', ...host }, `${kind}.approved`, { detail: { responseCode: host.responseCode, ...(plan.voids ? { originalSaleId: plan.voids.id } : {}) } });
    const sale = plan.voids ? await recordVoid(deps.db, sent.id, [approved, ...chargeExtras(deps, sent).steps], plan.voids.id, deps.operatorId) : await writeCharge(deps, sent, [approved]);
    markSalePhase('sale:recorded');
    return { kind: 'approved', sale };
  }
  if (r.outcome === 'declined') {
    const declined = await write(step(deps, { state: 'declined', ...host }, `${kind}.declined`, { result: 'fail', detail: { responseCode: host.responseCode } }));
    return { kind: 'declined', sale: declined, responseCode: host.responseCode ?? '' };
  }
  if (r.outcome === 'failed' && r.failure === 'no-connection') {
    // Nothing left the PC: offline if this kind and the settings allow it, else a clear refusal.
    if (plan.notSent) return plan.notSent(sent);
    return { kind: 'refused', sale: await write(step(deps, { state: 'cancelled' }, `${kind}.not-sent`, { result: 'fail', detail: { reason: 'link-down' } })), reason: 'link-down' };
  }
  return { kind: 'unknown', sale: await write(step(deps, { state: 'unknown', responseCode: host.responseCode }, `${kind}.no-answer`, { result: 'fail', detail: { failure: r.failure ?? r.outcome } })) };
};
