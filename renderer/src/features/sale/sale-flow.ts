import { checkOfflineLimits } from '../../../../shared/domain/offline-limits';
import { DUPLICATE_WINDOW_MS, findLikelyDuplicate } from '../../../../shared/domain/sale/duplicate-guard';
import type { Settings } from '../../../../shared/domain/settings';
import type { HostResult } from '../../../../shared/ipc/commands/acquirer';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { createSale, offlineQueue, recentOnCard, updateSale, updateSaleSteps } from '../../data/sales-repo';
import type { NewSale, SaleChange, SaleStepAudit } from '../../data/sales-repo';
import { markSalePhase } from './sale-timing';
import { markSending, resolveUnresolved } from './sale-settle';
import type { Resolution } from './sale-settle';

/**
 * The sale, orchestrated by the renderer and sent by main (ARCHITECTURE "write-ahead"):
 * every step is written to IndexedDB before the step that depends on it, so a crash at any
 * point leaves a record that says exactly what to resolve.
 */
export interface FlowDeps {
  db: CountersignDb;
  api: CountersignApi;
  operatorId: string;
  settings: () => Settings;
  now?: () => number;
}

export type AuthorizeResult =
  | { kind: 'approved'; sale: SaleRecord }
  | { kind: 'declined'; sale: SaleRecord; responseCode: string }
  | { kind: 'offline'; sale: SaleRecord }
  | { kind: 'unknown'; sale: SaleRecord }
  | { kind: 'refused'; sale: SaleRecord; reason: string };

const envelopeReason = (e: Envelope<unknown>): string => (e.ok ? '' : (e.error.reason ?? e.error.code));

export const beginSale = (deps: FlowDeps, input: Omit<NewSale, 'operatorId'>): Promise<SaleRecord> =>
  createSale(deps.db, { ...input, operatorId: deps.operatorId });

/** The likely duplicate charge for this card and amount, if any (RULES 10). */
export const duplicateOf = async (deps: FlowDeps, sale: SaleRecord, card: CardSummary): Promise<SaleRecord | null> => {
  const now = (deps.now ?? Date.now)();
  const recent = (await recentOnCard(deps.db, card.fingerprint, now - DUPLICATE_WINDOW_MS)).filter((s) => s.id !== sale.id && s.kind === 'sale');
  const hit = findLikelyDuplicate({ fingerprint: card.fingerprint, amountFen: sale.amountFen, now }, recent);
  return hit ? (recent.find((s) => s.id === hit.id) ?? null) : null;
};

type Step = { change: SaleChange; audit: SaleStepAudit };

const cardReadStep = (deps: FlowDeps, card: CardSummary): Step => ({
  change: {
    state: 'card-read',
    card: { maskedPan: card.maskedPan, bin: card.bin, last4: card.last4, brand: card.brand, entryMode: card.entryMode, chip: card.chip, fingerprint: card.fingerprint },
    last4: card.last4,
    fingerprint: card.fingerprint,
  },
  audit: { actor: deps.operatorId, action: 'sale.card-read', detail: { brand: card.brand, last4: card.last4, entryMode: card.entryMode, chip: card.chip } },
});

export const attachCard = (deps: FlowDeps, sale: SaleRecord, card: CardSummary): Promise<SaleRecord> => {
  const step = cardReadStep(deps, card);
  return updateSale(deps.db, sale.id, step.change, step.audit);
};

/**
 * How the counter hands a card to `authorizeSale`: the card summary when the sale is still
 * `created` (its card-read step is then written in the same transaction as the next step),
 * and whether the sale needs no signature (written with the approval).
 */
export interface AuthorizeOptions {
  card?: CardSummary;
  signatureNotRequired?: boolean;
  /** Checks already made for this sale (see `preflightSale`); made here when absent. */
  preflight?: Preflight;
}

/** What must be known before a sale is sent: earlier sales settled, and its STAN (null offline). */
export interface Preflight {
  pending: Resolution[];
  prepared: Envelope<{ stan: string; batch: string }> | null;
}

const goesOffline = (deps: FlowDeps, linkOnline: boolean): boolean => !linkOnline && deps.settings().offline.enabled;

/**
 * The checks between the swipe and the send, made at once because none depends on another:
 * the duplicate-charge guard (a read), settling earlier unresolved sales, and allocating the
 * STAN (idempotent per sale, sends nothing). `ready`: the same checks made earlier for this sale
 * (`prepareToSend`, while the customer finds the card); used unless an earlier sale is still
 * unresolved, in which case they are made again, since the host may be back.
 */
export const preflightSale = async (
  deps: FlowDeps,
  sale: SaleRecord,
  card: CardSummary,
  linkOnline: boolean,
  ready: Preflight | null = null,
): Promise<{ earlier: SaleRecord | null; preflight: Preflight }> => {
  const usable = ready && !ready.pending.some((r) => r.outcome === 'still-unknown') ? ready : null;
  const [earlier, preflight] = await Promise.all([duplicateOf(deps, sale, card), usable ?? prepareToSend(deps, sale, linkOnline)]);
  return { earlier, preflight };
};

/** Settles earlier unresolved sales and, unless the sale will go offline, allocates its STAN. */
export async function prepareToSend(deps: FlowDeps, sale: SaleRecord, linkOnline: boolean): Promise<Preflight> {
  const [pending, prepared] = await Promise.all([resolveUnresolved(deps), goesOffline(deps, linkOnline) ? null : deps.api.invoke('acquirer:prepare', { saleId: sale.id })]);
  return { pending, prepared };
}

/** The steps to write: the pending card-read first, the outcome, then "no signature needed" for a charged sale. */
const stepsFor = (deps: FlowDeps, sale: SaleRecord, opts: AuthorizeOptions, step: Step, charged = false): Step[] => [
  ...(sale.state === 'created' && opts.card ? [cardReadStep(deps, opts.card)] : []),
  step,
  ...(charged && opts.signatureNotRequired ? [{ change: { signatureState: 'not-required' as const }, audit: { actor: deps.operatorId, action: 'sale.signature-not-required' } }] : []),
];

export const cancelSale = (deps: FlowDeps, sale: SaleRecord, reason: string): Promise<SaleRecord> =>
  updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.cancel', detail: { reason } });

/** Accepts the sale offline when the merchant allows it and every limit holds; else refuses with the limit's reason. */
const tryOffline = async (deps: FlowDeps, sale: SaleRecord, cardRef: string, opts: AuthorizeOptions): Promise<AuthorizeResult> => {
  const queue = await offlineQueue(deps.db);
  const verdict = checkOfflineLimits(
    deps.settings().offline,
    { count: queue.length, totalFen: queue.reduce((t, s) => t + s.amountFen, 0), oldestQueuedAt: queue[0]?.offlineQueuedAt ?? null },
    { amountFen: sale.amountFen, swiped: true },
    (deps.now ?? Date.now)(),
  );
  const refuse = async (reason: string): Promise<AuthorizeResult> => {
    const cancelled = await updateSaleSteps(deps.db, sale.id, stepsFor(deps, sale, opts, { change: { state: 'cancelled' }, audit: { actor: deps.operatorId, action: 'sale.offline-refused', result: 'fail', detail: { reason } } }));
    return { kind: 'refused', sale: cancelled, reason };
  };
  if (!verdict.ok) return refuse(verdict.reason);
  const sealed = await deps.api.invoke('acquirer:seal', { cardRef });
  if (!sealed.ok) return refuse(envelopeReason(sealed));
  // The slip prints the batch and trace the sale will be forwarded under (forwarding reuses them).
  const numbered = sale.stan ? null : await deps.api.invoke('acquirer:prepare', { saleId: sale.id });
  const numbers = numbered?.ok ? { stan: numbered.value.stan, batch: numbered.value.batch } : {};
  const accepted = await updateSaleSteps(
    deps.db,
    sale.id,
    stepsFor(deps, sale, opts, { change: { state: 'offline-accepted', channel: 'offline', sealed: sealed.value.sealed, offlineQueuedAt: (deps.now ?? Date.now)(), ...numbers }, audit: { actor: deps.operatorId, action: 'sale.offline-accepted' } }, true),
  );
  return { kind: 'offline', sale: accepted };
};

/**
 * Sends the sale. Before anything leaves, unresolved sales must be settled (RULES 12) and the
 * STAN is written with the sale in state `authorizing` (with its card-read step when the
 * counter passes the card, in the same transaction).
 */
export const authorizeSale = async (deps: FlowDeps, sale: SaleRecord, cardRef: string, linkOnline: boolean, opts: AuthorizeOptions = {}): Promise<AuthorizeResult> => {
  const done = markSending(sale.id);
  try {
    return await sendSale(deps, sale, cardRef, linkOnline, opts);
  } finally {
    done();
  }
};

const sendSale = async (deps: FlowDeps, sale: SaleRecord, cardRef: string, linkOnline: boolean, opts: AuthorizeOptions): Promise<AuthorizeResult> => {
  const a = (action: string, extra: Omit<SaleStepAudit, 'actor' | 'action'> = {}): SaleStepAudit => ({ actor: deps.operatorId, action, ...extra });
  const write = (s: SaleRecord, step: Step, charged = false) => updateSaleSteps(deps.db, sale.id, stepsFor(deps, s, opts, step, charged));
  const { pending, prepared }: Preflight = opts.preflight ?? (await prepareToSend(deps, sale, linkOnline));
  if (pending.some((r) => r.outcome === 'still-unknown')) {
    const cancelled = await write(sale, { change: { state: 'cancelled' }, audit: a('sale.cancel', { detail: { reason: 'unresolved-sale-first' } }) });
    return { kind: 'refused', sale: cancelled, reason: 'unresolved-sale-first' };
  }
  if (!prepared) return tryOffline(deps, sale, cardRef, opts);
  if (!prepared.ok) {
    const cancelled = await write(sale, { change: { state: 'cancelled' }, audit: a('sale.cancel', { detail: { reason: envelopeReason(prepared) } }) });
    return { kind: 'refused', sale: cancelled, reason: envelopeReason(prepared) };
  }
  let current: SaleRecord;
  try {
    current = await write(sale, { change: { state: 'authorizing', stan: prepared.value.stan, batch: prepared.value.batch }, audit: a('sale.authorizing', { detail: { stan: prepared.value.stan } }) });
  } catch {
    // The write-ahead failed (disk full, storage gone): nothing was sent, so nothing was charged.
    return { kind: 'refused', sale, reason: 'not-recorded' };
  }
  markSalePhase('sale:written-ahead');
  const answer = await deps.api.invoke('acquirer:authorize', { saleId: sale.id, stan: prepared.value.stan, kind: 'sale', amountFen: sale.amountFen, cardRef });
  try {
    return await recordAnswer(deps, current, cardRef, opts, answer);
  } catch {
    // The host may have charged the card but its answer could not be written. The record still
    // says `authorizing`, so it is reversed before the next sale; the cashier is told to hand
    // over nothing for it.
    return { kind: 'unknown', sale: current };
  }
};

/** Writes what the host said about a sale already written as `authorizing`. */
const recordAnswer = async (deps: FlowDeps, sent: SaleRecord, cardRef: string, opts: AuthorizeOptions, answer: Envelope<HostResult>): Promise<AuthorizeResult> => {
  const a = (action: string, extra: Omit<SaleStepAudit, 'actor' | 'action'> = {}): SaleStepAudit => ({ actor: deps.operatorId, action, ...extra });
  const after = { ...opts, card: undefined, preflight: undefined } satisfies AuthorizeOptions;
  const finish = (step: Step, charged = false) => updateSaleSteps(deps.db, sent.id, stepsFor(deps, sent, after, step, charged));
  if (!answer.ok) {
    if (answer.error.code === 'CARD' || answer.error.code === 'VALIDATION') {
      return { kind: 'refused', sale: await finish({ change: { state: 'cancelled' }, audit: a('sale.not-sent', { result: 'fail', detail: { reason: envelopeReason(answer) } }) }), reason: envelopeReason(answer) };
    }
    // The host process went away mid-request: nobody knows whether the host charged the card.
    return { kind: 'unknown', sale: await finish({ change: { state: 'unknown' }, audit: a('sale.no-answer', { result: 'fail', detail: { reason: envelopeReason(answer) } }) }) };
  }
  const r = answer.value;
  markSalePhase('sale:answered');
  const host = { responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, channel: 'online' as const };
  if (r.outcome === 'approved') {
    const approved = await finish({ change: { state: 'approved', ...host }, audit: a('sale.approved', { detail: { responseCode: host.responseCode } }) }, true);
    markSalePhase('sale:recorded');
    return { kind: 'approved', sale: approved };
  }
  if (r.outcome === 'declined') {
    const declined = await finish({ change: { state: 'declined', ...host }, audit: a('sale.declined', { detail: { responseCode: host.responseCode } }) });
    return { kind: 'declined', sale: declined, responseCode: host.responseCode ?? '' };
  }
  if (r.outcome === 'failed' && r.failure === 'no-connection') {
    // Nothing left the PC: offline if allowed, else a clear refusal.
    if (deps.settings().offline.enabled) return tryOffline(deps, sent, cardRef, after);
    return { kind: 'refused', sale: await finish({ change: { state: 'cancelled' }, audit: a('sale.not-sent', { result: 'fail', detail: { reason: 'link-down' } }) }), reason: 'link-down' };
  }
  return { kind: 'unknown', sale: await finish({ change: { state: 'unknown', responseCode: host.responseCode }, audit: a('sale.no-answer', { result: 'fail', detail: { failure: r.failure ?? r.outcome } }) }) };
};

