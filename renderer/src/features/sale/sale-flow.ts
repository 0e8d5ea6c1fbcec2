import { checkOfflineLimits } from '../../../../shared/domain/offline-limits';
import { DUPLICATE_WINDOW_MS, findLikelyDuplicate } from '../../../../shared/domain/sale/duplicate-guard';
import type { Settings } from '../../../../shared/domain/settings';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { createSale, offlineQueue, recentOnCard, unresolvedSales, updateSale, updateSaleSteps } from '../../data/sales-repo';
import type { NewSale, SaleChange, SaleStepAudit } from '../../data/sales-repo';

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
  const accepted = await updateSaleSteps(
    deps.db,
    sale.id,
    stepsFor(deps, sale, opts, { change: { state: 'offline-accepted', channel: 'offline', sealed: sealed.value.sealed, offlineQueuedAt: (deps.now ?? Date.now)() }, audit: { actor: deps.operatorId, action: 'sale.offline-accepted' } }, true),
  );
  return { kind: 'offline', sale: accepted };
};

/**
 * Sales this window is sending right now. They are `authorizing` in the database like a sale
 * interrupted by a crash, but their answer is on its way: settling must leave them alone.
 */
const inFlight = new Set<string>();

/**
 * Sends the sale. Before anything leaves, unresolved sales must be settled (RULES 12) and the
 * STAN is written with the sale in state `authorizing` (with its card-read step when the
 * counter passes the card, in the same transaction).
 */
export const authorizeSale = async (deps: FlowDeps, sale: SaleRecord, cardRef: string, linkOnline: boolean, opts: AuthorizeOptions = {}): Promise<AuthorizeResult> => {
  inFlight.add(sale.id);
  try {
    return await sendSale(deps, sale, cardRef, linkOnline, opts);
  } finally {
    inFlight.delete(sale.id);
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
  let current = await write(sale, { change: { state: 'authorizing', stan: prepared.value.stan, batch: prepared.value.batch }, audit: a('sale.authorizing', { detail: { stan: prepared.value.stan } }) });
  const after = { ...opts, card: undefined, preflight: undefined } satisfies AuthorizeOptions;
  const finish = (step: Step, charged = false) => updateSaleSteps(deps.db, sale.id, stepsFor(deps, current, after, step, charged));

  const answer = await deps.api.invoke('acquirer:authorize', { saleId: sale.id, stan: prepared.value.stan, kind: 'sale', amountFen: sale.amountFen, cardRef });
  if (!answer.ok) {
    if (answer.error.code === 'CARD' || answer.error.code === 'VALIDATION') {
      current = await finish({ change: { state: 'cancelled' }, audit: a('sale.not-sent', { result: 'fail', detail: { reason: envelopeReason(answer) } }) });
      return { kind: 'refused', sale: current, reason: envelopeReason(answer) };
    }
    // The host process went away mid-request: nobody knows whether the host charged the card.
    current = await finish({ change: { state: 'unknown' }, audit: a('sale.no-answer', { result: 'fail', detail: { reason: envelopeReason(answer) } }) });
    return { kind: 'unknown', sale: current };
  }
  const r = answer.value;
  const host = { responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, channel: 'online' as const };
  if (r.outcome === 'approved') {
    current = await finish({ change: { state: 'approved', ...host }, audit: a('sale.approved', { detail: { responseCode: host.responseCode } }) }, true);
    return { kind: 'approved', sale: current };
  }
  if (r.outcome === 'declined') {
    current = await finish({ change: { state: 'declined', ...host }, audit: a('sale.declined', { detail: { responseCode: host.responseCode } }) });
    return { kind: 'declined', sale: current, responseCode: host.responseCode ?? '' };
  }
  if (r.outcome === 'failed' && r.failure === 'no-connection') {
    // Nothing left the PC: offline if allowed, else a clear refusal.
    if (deps.settings().offline.enabled) return tryOffline(deps, current, cardRef, after);
    current = await finish({ change: { state: 'cancelled' }, audit: a('sale.not-sent', { result: 'fail', detail: { reason: 'link-down' } }) });
    return { kind: 'refused', sale: current, reason: 'link-down' };
  }
  current = await finish({ change: { state: 'unknown', responseCode: host.responseCode }, audit: a('sale.no-answer', { result: 'fail', detail: { failure: r.failure ?? r.outcome } }) });
  return { kind: 'unknown', sale: current };
};

export interface Resolution {
  sale: SaleRecord;
  outcome: 'reversed' | 'still-unknown';
  /** What inquiry said the host had done, for telling the cashier. */
  hostHadApproved: boolean | null;
}

const settleUnresolved = async (deps: FlowDeps): Promise<Resolution[]> => {
  const results: Resolution[] = [];
  for (let sale of (await unresolvedSales(deps.db)).filter((s) => !inFlight.has(s.id))) {
    if (sale.state === 'authorizing') sale = await updateSale(deps.db, sale.id, { state: 'unknown' }, { actor: deps.operatorId, action: 'sale.interrupted' });
    if (!sale.stan) {
      // Never numbered, so never sent: nothing to reverse.
      const reversed = await updateSale(deps.db, sale.id, { state: 'reversed' }, { actor: deps.operatorId, action: 'sale.reversed', detail: { reason: 'never-sent' } });
      results.push({ sale: reversed, outcome: 'reversed', hostHadApproved: false });
      continue;
    }
    const inquiry = await deps.api.invoke('acquirer:inquire', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen });
    const hostHadApproved = inquiry.ok ? inquiry.value.found && inquiry.value.outcome === 'approved' : null;
    const reversal = await deps.api.invoke('acquirer:reverse', { saleId: sale.id, stan: sale.stan, amountFen: sale.amountFen });
    if (reversal.ok && (reversal.value.outcome === 'approved' || reversal.value.outcome === 'declined')) {
      const reversed = await updateSale(deps.db, sale.id, { state: 'reversed', responseCode: reversal.value.responseCode ?? sale.responseCode }, { actor: deps.operatorId, action: 'sale.reversed', detail: { hostHadApproved } });
      results.push({ sale: reversed, outcome: 'reversed', hostHadApproved });
    } else {
      results.push({ sale, outcome: 'still-unknown', hostHadApproved });
    }
  }
  return results;
};

const settling = new WeakMap<CountersignDb, Promise<Resolution[]>>();

/**
 * Settles every sale left `authorizing` (a crash mid-flight) or `unknown` (no answer): ask the
 * host what happened, then reverse, so the customer is never charged for a sale the counter
 * could not finish. Repeats on the next call until the host answers (RULES 12). One run at a
 * time per database: a caller arriving mid-run (start, link back, the next sale) joins it.
 */
export const resolveUnresolved = (deps: FlowDeps): Promise<Resolution[]> => {
  const running = settling.get(deps.db);
  if (running) return running;
  const run = settleUnresolved(deps).finally(() => settling.delete(deps.db));
  settling.set(deps.db, run);
  return run;
};

export interface ForwardResult {
  sale: SaleRecord;
  outcome: 'approved' | 'declined' | 'not-answered';
}

/** Forwards offline sales in the order taken, each exactly once; sealed card data goes when the host answers. */
export const forwardOfflineQueue = async (deps: FlowDeps): Promise<ForwardResult[]> => {
  const results: ForwardResult[] = [];
  for (const sale of await offlineQueue(deps.db)) {
    if (!sale.sealed) continue;
    let stan = sale.stan;
    if (!stan) {
      const prepared = await deps.api.invoke('acquirer:prepare', { saleId: sale.id });
      if (!prepared.ok) break;
      stan = prepared.value.stan;
      await updateSale(deps.db, sale.id, { stan, batch: prepared.value.batch }, { actor: deps.operatorId, action: 'sale.forwarding', detail: { stan } });
    }
    const answer = await deps.api.invoke('acquirer:forward', { saleId: sale.id, stan, amountFen: sale.amountFen, sealed: sale.sealed });
    if (!answer.ok || (answer.value.outcome !== 'approved' && answer.value.outcome !== 'declined')) {
      results.push({ sale, outcome: 'not-answered' });
      break;
    }
    const r = answer.value;
    const approved = r.outcome === 'approved';
    const done = await updateSale(
      deps.db,
      sale.id,
      {
        state: approved ? 'approved' : 'declined',
        sealed: null,
        forwardedAt: (deps.now ?? Date.now)(),
        responseCode: r.responseCode ?? null,
        authCode: r.authCode ?? null,
        rrn: r.rrn ?? null,
        followUp: approved ? sale.followUp : 'open',
      },
      { actor: deps.operatorId, action: approved ? 'sale.forwarded' : 'sale.declined-after-forward', result: approved ? 'ok' : 'fail', detail: { responseCode: r.responseCode } },
    );
    results.push({ sale: done, outcome: approved ? 'approved' : 'declined' });
  }
  return results;
};
