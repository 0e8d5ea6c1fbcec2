import { checkOfflineLimits } from '../../../shared/domain/offline-limits';
import { DUPLICATE_WINDOW_MS, findLikelyDuplicate } from '../../../shared/domain/sale/duplicate-guard';
import type { CardSummary } from '../../../shared/ipc/commands/card-reader';
import type { Envelope } from '../../../shared/ipc/envelope';
import type { SaleRecord } from '../data/records';
import { createSale, offlineQueue, recentOnCard, updateSaleSteps } from '../data/sales-repo';
import type { NewSale } from '../data/sales-repo';
import { envelopeReason, sendWrittenAhead, step, writeCharge } from './send';
import type { AuthorizeResult, SendDeps, Step } from './send';
import type { Resolution } from './settlement';

/**
 * A card sale on the one send path (send.ts): the duplicate-charge guard, the checks made while
 * the customer finds the card, and the offline path when the host cannot be reached.
 */
export interface SaleSendDeps extends SendDeps {
  /** Settles earlier unresolved sales (the settlement jobs' run, joined when one is going). */
  settleFirst: () => Promise<Resolution[]>;
}

export const beginSale = (deps: SendDeps, input: Omit<NewSale, 'operatorId' | 'kind' | 'originalSaleId'>): Promise<SaleRecord> =>
  createSale(deps.db, { ...input, kind: 'sale', originalSaleId: null, operatorId: deps.operatorId });

/** The likely duplicate charge for this card and amount, if any (RULES 10). */
export const duplicateOf = async (deps: SendDeps, sale: SaleRecord, card: CardSummary): Promise<SaleRecord | null> => {
  const now = deps.now();
  const recent = (await recentOnCard(deps.db, card.fingerprint, now - DUPLICATE_WINDOW_MS)).filter((s) => s.id !== sale.id && s.kind === 'sale');
  const hit = findLikelyDuplicate({ fingerprint: card.fingerprint, amountFen: sale.amountFen, now }, recent);
  return hit ? (recent.find((s) => s.id === hit.id) ?? null) : null;
};

const cardReadStep = (deps: SendDeps, card: CardSummary): Step =>
  step(
    deps,
    {
      state: 'card-read',
      card: { maskedPan: card.maskedPan, bin: card.bin, last4: card.last4, brand: card.brand, entryMode: card.entryMode, chip: card.chip, fingerprint: card.fingerprint },
      last4: card.last4,
      fingerprint: card.fingerprint,
    },
    'sale.card-read',
    { detail: { brand: card.brand, last4: card.last4, entryMode: card.entryMode, chip: card.chip } },
  );

/** Written at the duplicate prompt, so a sale left there still records which card was read. */
export const attachCard = (deps: SendDeps, sale: SaleRecord, card: CardSummary): Promise<SaleRecord> => updateSaleSteps(deps.db, sale.id, [cardReadStep(deps, card)]);

export const cancelSale = (deps: SendDeps, sale: SaleRecord, reason: string): Promise<SaleRecord> => updateSaleSteps(deps.db, sale.id, [step(deps, { state: 'cancelled' }, 'sale.cancel', { detail: { reason } })]);

/** What must be known before a sale is sent: earlier sales settled, and its STAN and link (null offline). */
export interface Preflight {
  pending: Resolution[];
  prepared: Envelope<{ stan: string; batch: string; linkId: string }> | null;
}

const goesOffline = (deps: SendDeps, linkOnline: boolean): boolean => !linkOnline && deps.settings().offline.enabled;

/** Settles earlier unresolved sales and, unless the sale will go offline, numbers it. */
export const prepareToSend = async (deps: SaleSendDeps, sale: SaleRecord, linkOnline: boolean): Promise<Preflight> => {
  const [pending, prepared] = await Promise.all([deps.settleFirst(), goesOffline(deps, linkOnline) ? null : deps.api.invoke('acquirer:prepare', { saleId: sale.id })]);
  return { pending, prepared };
};

const blocks = (p: Preflight): boolean => p.pending.some((r) => r.outcome === 'still-unknown');

/**
 * The checks between the swipe and the send, made at once because none depends on another: the
 * duplicate-charge guard (a read), settling earlier unresolved sales, and numbering (idempotent per
 * sale, sends nothing). `ready`: the same checks made earlier for this sale, used unless an earlier
 * sale was still unresolved, in which case they are made again, since the host may be back.
 */
export const preflightSale = async (deps: SaleSendDeps, sale: SaleRecord, card: CardSummary, linkOnline: boolean, ready: Preflight | null = null): Promise<{ earlier: SaleRecord | null; preflight: Preflight }> => {
  const usable = ready && !blocks(ready) ? ready : null;
  const [earlier, preflight] = await Promise.all([duplicateOf(deps, sale, card), usable ?? prepareToSend(deps, sale, linkOnline)]);
  return { earlier, preflight };
};

/** Accepts the sale offline when the merchant allows it and every limit holds; else refuses with the limit's reason. */
const tryOffline = async (deps: SendDeps, sale: SaleRecord, cardRef: string, before: Step[]): Promise<AuthorizeResult> => {
  const queue = await offlineQueue(deps.db);
  const verdict = checkOfflineLimits(
    deps.settings().offline,
    { count: queue.length, totalFen: queue.reduce((t, s) => t + s.amountFen, 0), oldestQueuedAt: queue[0]?.offlineQueuedAt ?? null },
    { amountFen: sale.amountFen, swiped: true },
    deps.now(),
  );
  const refuse = async (reason: string): Promise<AuthorizeResult> => {
    const cancelled = await updateSaleSteps(deps.db, sale.id, [...before, step(deps, { state: 'cancelled' }, 'sale.offline-refused', { result: 'fail', detail: { reason } })]);
    return { kind: 'refused', sale: cancelled, reason };
  };
  if (!verdict.ok) return refuse(verdict.reason);
  const sealed = await deps.api.invoke('acquirer:seal', { cardRef });
  if (!sealed.ok) return refuse(envelopeReason(sealed));
  // The slip prints the batch and trace the sale will be forwarded under (forwarding reuses them):
  // numbered now unless it already is, and only by the link that sealed it (the advice is owed to it).
  const numbered = sale.stan ? null : await deps.api.invoke('acquirer:prepare', { saleId: sale.id });
  const numbers = numbered?.ok && numbered.value.linkId === sealed.value.linkId ? { stan: numbered.value.stan, batch: numbered.value.batch } : {};
  const accepted = step(deps, { state: 'offline-accepted', channel: 'offline', sealed: sealed.value.sealed, linkId: sealed.value.linkId, offlineQueuedAt: deps.now(), ...numbers }, 'sale.offline-accepted', {
    detail: { linkId: sealed.value.linkId },
  });
  return { kind: 'offline', sale: await writeCharge(deps, sale, [...before, accepted]) };
};

/**
 * Sends the sale. Before anything leaves, unresolved sales must be settled (RULES 12). With a
 * `card`, the sale is still `created` and its card-read step is written in the same transaction
 * as the next step.
 */
export const authorizeSale = async (deps: SaleSendDeps, sale: SaleRecord, cardRef: string, linkOnline: boolean, opts: { card?: CardSummary; preflight?: Preflight } = {}): Promise<AuthorizeResult> => {
  const before = sale.state === 'created' && opts.card ? [cardReadStep(deps, opts.card)] : [];
  const { pending, prepared } = opts.preflight ?? (await prepareToSend(deps, sale, linkOnline));
  if (blocks({ pending, prepared })) {
    const cancelled = await updateSaleSteps(deps.db, sale.id, [...before, step(deps, { state: 'cancelled' }, 'sale.cancel', { detail: { reason: 'unresolved-sale-first' } })]);
    return { kind: 'refused', sale: cancelled, reason: 'unresolved-sale-first' };
  }
  if (!prepared) return tryOffline(deps, sale, cardRef, before);
  return sendWrittenAhead(
    deps,
    sale,
    {
      before,
      request: (stan, linkId) => ({ saleId: sale.id, stan, linkId, kind: 'sale', amountFen: sale.amountFen, cardRef }),
      notSent: (sent) => (deps.settings().offline.enabled ? tryOffline(deps, sent, cardRef, []) : refusedLinkDown(deps, sent)),
    },
    prepared,
  );
};

const refusedLinkDown = async (deps: SendDeps, sent: SaleRecord): Promise<AuthorizeResult> => ({
  kind: 'refused',
  sale: await updateSaleSteps(deps.db, sent.id, [step(deps, { state: 'cancelled' }, 'sale.not-sent', { result: 'fail', detail: { reason: 'link-down' } })]),
  reason: 'link-down',
});
