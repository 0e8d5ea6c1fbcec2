import { checkOfflineLimits } from '../../../../shared/domain/offline-limits';
import { DUPLICATE_WINDOW_MS, findLikelyDuplicate } from '../../../../shared/domain/sale/duplicate-guard';
import type { Settings } from '../../../../shared/domain/settings';
import type { CardSummary } from '../../../../shared/ipc/commands/card-reader';
import type { Envelope } from '../../../../shared/ipc/envelope';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord } from '../../data/records';
import { createSale, offlineQueue, recentOnCard, unresolvedSales, updateSale } from '../../data/sales-repo';
import type { NewSale } from '../../data/sales-repo';

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

export const attachCard = (deps: FlowDeps, sale: SaleRecord, card: CardSummary): Promise<SaleRecord> =>
  updateSale(
    deps.db,
    sale.id,
    {
      state: 'card-read',
      card: { maskedPan: card.maskedPan, bin: card.bin, last4: card.last4, brand: card.brand, entryMode: card.entryMode, chip: card.chip, fingerprint: card.fingerprint },
      last4: card.last4,
      fingerprint: card.fingerprint,
    },
    { actor: deps.operatorId, action: 'sale.card-read', detail: { brand: card.brand, last4: card.last4, entryMode: card.entryMode, chip: card.chip } },
  );

export const cancelSale = (deps: FlowDeps, sale: SaleRecord, reason: string): Promise<SaleRecord> =>
  updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.cancel', detail: { reason } });

/** Accepts the sale offline when the merchant allows it and every limit holds; else refuses with the limit's reason. */
const tryOffline = async (deps: FlowDeps, sale: SaleRecord, cardRef: string): Promise<AuthorizeResult> => {
  const queue = await offlineQueue(deps.db);
  const verdict = checkOfflineLimits(
    deps.settings().offline,
    { count: queue.length, totalFen: queue.reduce((t, s) => t + s.amountFen, 0), oldestQueuedAt: queue[0]?.offlineQueuedAt ?? null },
    { amountFen: sale.amountFen, swiped: true },
    (deps.now ?? Date.now)(),
  );
  if (!verdict.ok) {
    const cancelled = await updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.offline-refused', result: 'fail', detail: { reason: verdict.reason } });
    return { kind: 'refused', sale: cancelled, reason: verdict.reason };
  }
  const sealed = await deps.api.invoke('acquirer:seal', { cardRef });
  if (!sealed.ok) {
    const cancelled = await updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.offline-refused', result: 'fail', detail: { reason: envelopeReason(sealed) } });
    return { kind: 'refused', sale: cancelled, reason: envelopeReason(sealed) };
  }
  const accepted = await updateSale(
    deps.db,
    sale.id,
    { state: 'offline-accepted', channel: 'offline', sealed: sealed.value.sealed, offlineQueuedAt: (deps.now ?? Date.now)() },
    { actor: deps.operatorId, action: 'sale.offline-accepted' },
  );
  return { kind: 'offline', sale: accepted };
};

/**
 * Sends the sale. Before anything leaves, unresolved sales must be settled (RULES 12) and the
 * STAN is written with the sale in state `authorizing`.
 */
export const authorizeSale = async (deps: FlowDeps, sale: SaleRecord, cardRef: string, linkOnline: boolean): Promise<AuthorizeResult> => {
  const pending = await resolveUnresolved(deps);
  if (pending.some((r) => r.outcome === 'still-unknown')) {
    const cancelled = await cancelSale(deps, sale, 'unresolved-sale-first');
    return { kind: 'refused', sale: cancelled, reason: 'unresolved-sale-first' };
  }
  if (!linkOnline && deps.settings().offline.enabled) return tryOffline(deps, sale, cardRef);

  const prepared = await deps.api.invoke('acquirer:prepare', { saleId: sale.id });
  if (!prepared.ok) {
    const cancelled = await cancelSale(deps, sale, envelopeReason(prepared));
    return { kind: 'refused', sale: cancelled, reason: envelopeReason(prepared) };
  }
  let current = await updateSale(deps.db, sale.id, { state: 'authorizing', stan: prepared.value.stan, batch: prepared.value.batch }, { actor: deps.operatorId, action: 'sale.authorizing', detail: { stan: prepared.value.stan } });

  const answer = await deps.api.invoke('acquirer:authorize', { saleId: sale.id, stan: prepared.value.stan, kind: 'sale', amountFen: sale.amountFen, cardRef });
  if (!answer.ok) {
    if (answer.error.code === 'CARD' || answer.error.code === 'VALIDATION') {
      current = await updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.not-sent', result: 'fail', detail: { reason: envelopeReason(answer) } });
      return { kind: 'refused', sale: current, reason: envelopeReason(answer) };
    }
    // The host process went away mid-request: nobody knows whether the host charged the card.
    current = await updateSale(deps.db, sale.id, { state: 'unknown' }, { actor: deps.operatorId, action: 'sale.no-answer', result: 'fail', detail: { reason: envelopeReason(answer) } });
    return { kind: 'unknown', sale: current };
  }
  const r = answer.value;
  const host = { responseCode: r.responseCode ?? null, authCode: r.authCode ?? null, rrn: r.rrn ?? null, channel: 'online' as const };
  if (r.outcome === 'approved') {
    current = await updateSale(deps.db, sale.id, { state: 'approved', ...host }, { actor: deps.operatorId, action: 'sale.approved', detail: { responseCode: host.responseCode } });
    return { kind: 'approved', sale: current };
  }
  if (r.outcome === 'declined') {
    current = await updateSale(deps.db, sale.id, { state: 'declined', ...host }, { actor: deps.operatorId, action: 'sale.declined', detail: { responseCode: host.responseCode } });
    return { kind: 'declined', sale: current, responseCode: host.responseCode ?? '' };
  }
  if (r.outcome === 'failed' && r.failure === 'no-connection') {
    // Nothing left the PC: offline if allowed, else a clear refusal.
    if (deps.settings().offline.enabled) return tryOffline(deps, current, cardRef);
    current = await updateSale(deps.db, sale.id, { state: 'cancelled' }, { actor: deps.operatorId, action: 'sale.not-sent', result: 'fail', detail: { reason: 'link-down' } });
    return { kind: 'refused', sale: current, reason: 'link-down' };
  }
  current = await updateSale(deps.db, sale.id, { state: 'unknown', responseCode: host.responseCode }, { actor: deps.operatorId, action: 'sale.no-answer', result: 'fail', detail: { failure: r.failure ?? r.outcome } });
  return { kind: 'unknown', sale: current };
};

export interface Resolution {
  sale: SaleRecord;
  outcome: 'reversed' | 'still-unknown';
  /** What inquiry said the host had done, for telling the cashier. */
  hostHadApproved: boolean | null;
}

/**
 * Settles every sale left `authorizing` (a crash mid-flight) or `unknown` (no answer): ask the
 * host what happened, then reverse, so the customer is never charged for a sale the counter
 * could not finish. Repeats on the next call until the host answers (RULES 12).
 */
export const resolveUnresolved = async (deps: FlowDeps): Promise<Resolution[]> => {
  const results: Resolution[] = [];
  for (let sale of await unresolvedSales(deps.db)) {
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
