import { unsignedFinish } from '../../../shared/domain/sale/signature-rule';
import type { Settings } from '../../../shared/domain/settings';
import type { CardSummary } from '../../../shared/ipc/commands/card-reader';
import type { SaleRecord, SignaturePoint } from '../data/records';
import { isStorageFull } from '../data/storage-errors';
import { markCardSummary } from './counter-timing';
import type { Logger } from './logger';
import type { ActionFailure } from './operator-session';
import type { PrintSale } from './print-sale';
import { attachCard, authorizeSale, beginSale, cancelSale, preflightSale, prepareToSend } from './sale-send';
import type { Preflight, SaleSendDeps } from './sale-send';
import type { AuthorizeResult } from './send';
import type { SignatureActions } from './signature-actions';

/** Below about 0.1 s a wait feels instant; only a longer one is worth an "authorizing" message. */
const AUTHORIZING_SHOWN_AFTER_MS = 100;

export type CounterStep =
  | { kind: 'amount' }
  | { kind: 'card'; sale: SaleRecord }
  | { kind: 'chip-swiped'; sale: SaleRecord; card: CardSummary }
  | { kind: 'duplicate'; sale: SaleRecord; card: CardSummary; earlier: SaleRecord }
  | { kind: 'authorizing'; sale: SaleRecord; card: CardSummary }
  | { kind: 'result'; result: AuthorizeResult; card: CardSummary | null }
  | { kind: 'signature'; sale: SaleRecord; card: CardSummary }
  | { kind: 'confirm-signature'; sale: SaleRecord; card: CardSummary; strokes: SignaturePoint[][]; png: string }
  | { kind: 'unsigned'; sale: SaleRecord; card: CardSummary; mode: 'allowed' | 'manager-exemption' }
  | { kind: 'done'; sale: SaleRecord };

export interface CounterSnapshot {
  step: CounterStep;
  /** Why the last action could not be completed (a write failed, storage full): shown on the counter. */
  error: string | null;
}

/** `ActionFailure`: main refused the named manager's approval (wrong PIN, back-off, lockout, ...). */
export type FinishUnsignedOutcome = 'ok' | 'reason-required' | 'busy' | 'failed' | ActionFailure;

export interface CounterSessionDeps {
  send: SaleSendDeps;
  signatures: SignatureActions;
  printing: PrintSale;
  linkOnline: () => boolean;
  settings: () => Settings;
  logger: Logger;
}

/**
 * Which message a failed action shows (counter i18n `actionFailed.*`). Once the card is charged
 * "nothing was sent" would be false: the signature steps say the sale stays charged and unsigned.
 */
const failureMessage = (step: CounterStep, error: unknown): string => {
  const afterCharge = step.kind === 'signature' || step.kind === 'confirm-signature' || step.kind === 'unsigned' || step.kind === 'done';
  if (isStorageFull(error)) return afterCharge ? 'storage-full-charged' : 'storage-full';
  return afterCharge ? 'not-saved-charged' : 'not-saved';
};

const charged = (r: AuthorizeResult): boolean => r.kind === 'approved' || r.kind === 'offline';

/**
 * The counter's workflow, outside React: amount → card → (duplicate check) → authorization →
 * signature → confirm → done. One step at a time: an action arriving while another runs is
 * ignored (double clicks, double Enter), and every action settles. Each step writes the sale
 * before the next starts (send.ts). The session lives from sign-in to sign-out, so a sale left at
 * a step while the cashier looks at another screen is still there when they come back (and, being
 * charged, already in the unsigned follow-up). Components subscribe and call; nothing else.
 */
export class CounterSession {
  private snapshot: CounterSnapshot = { step: { kind: 'amount' }, error: null };
  private readonly listeners = new Set<() => void>();
  private busy = false;
  /** Checks made for a sale while the customer finds the card (see `preflightSale`). */
  private early: { saleId: string; linkOnline: boolean; checks: Promise<Preflight | null> } | null = null;

  constructor(private readonly deps: CounterSessionDeps) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CounterSnapshot => this.snapshot;

  private get step(): CounterStep {
    return this.snapshot.step;
  }

  private show(step: CounterStep, error: string | null = null): void {
    this.snapshot = { step, error };
    for (const listener of this.listeners) listener();
  }

  /** Runs one action at a time; a failure is logged and shown, and the step stays where it was. */
  private async latch<T>(action: string, fn: () => Promise<T>): Promise<T | 'busy' | 'failed'> {
    if (this.busy) return 'busy';
    this.busy = true;
    try {
      return await fn();
    } catch (error) {
      this.deps.logger.error('counter.action-failed', { action, error });
      this.show(this.step, failureMessage(this.step, error));
      return 'failed';
    } finally {
      this.busy = false;
    }
  }

  start(amountFen: number, reference: string, note: string): Promise<unknown> {
    return this.latch('start', async () => {
      if (this.step.kind !== 'amount' || amountFen <= 0) return;
      const sale = await beginSale(this.deps.send, { amountFen, reference, note });
      const linkOnline = this.deps.linkOnline();
      const checks = prepareToSend(this.deps.send, sale, linkOnline).catch((error: unknown) => {
        this.deps.logger.warn('counter.early-checks-failed', { error });
        return null;
      });
      this.early = { saleId: sale.id, linkOnline, checks };
      this.show({ kind: 'card', sale });
    });
  }

  private async authorize(sale: SaleRecord, card: CardSummary, preflight?: Preflight): Promise<void> {
    // "Authorizing…" appears only if the answer takes longer than the blink of an eye: drawing it
    // at once would put a render on the path between the swipe and a quick host's answer.
    const waiting = setTimeout(() => this.show({ kind: 'authorizing', sale, card }), AUTHORIZING_SHOWN_AFTER_MS);
    let result: AuthorizeResult;
    try {
      result = await authorizeSale(this.deps.send, sale, card.cardRef, this.deps.linkOnline(), { card, ...(preflight ? { preflight } : {}) });
    } finally {
      clearTimeout(waiting);
    }
    this.show({ kind: 'result', result, card });
    if (charged(result) && result.sale.signatureState === 'not-required') this.finished(result.sale);
  }

  onCard(card: CardSummary): Promise<unknown> {
    return this.latch('card', async () => {
      const current = this.step;
      if (current.kind !== 'card') return;
      markCardSummary();
      if (card.chip) {
        // A chip card read by its stripe shifts fraud liability to the shop (RULES 5): the cashier
        // sees that before anything is sent, and goes ahead only by choice. Written now, so a
        // sale left at the prompt still records which card was read.
        this.show({ kind: 'chip-swiped', sale: await attachCard(this.deps.send, current.sale, card), card });
        return;
      }
      await this.checkAndAuthorize(current.sale, card);
    });
  }

  /** After the chip-swiped warning: go ahead by the stripe, or cancel the sale (the safe default). */
  confirmChipSwipe(proceed: boolean): Promise<unknown> {
    return this.latch('chip-swiped', async () => {
      const current = this.step;
      if (current.kind !== 'chip-swiped') return;
      if (!proceed) {
        await cancelSale(this.deps.send, current.sale, 'chip-swipe-declined');
        this.show({ kind: 'amount' });
        return;
      }
      await this.checkAndAuthorize(current.sale, current.card);
    });
  }

  /** The duplicate check, then the send: the part of taking a card that follows the card's own checks. */
  private async checkAndAuthorize(sale: SaleRecord, card: CardSummary): Promise<void> {
    const made = this.early;
    this.early = null;
    const linkOnline = this.deps.linkOnline();
    // Made for this sale with the link as it is now, or made again (after a prompt, time has passed).
    const ready = made && made.saleId === sale.id && made.linkOnline === linkOnline ? await made.checks : null;
    const { earlier, preflight } = await preflightSale(this.deps.send, sale, card, linkOnline, ready);
    if (earlier) {
      // Written now, so a sale left at the prompt still records which card was read; the checks
      // are made again if the cashier goes ahead, since time has passed.
      this.show({ kind: 'duplicate', sale: await attachCard(this.deps.send, sale, card), card, earlier });
      return;
    }
    await this.authorize(sale, card, preflight);
  }

  confirmDuplicate(proceed: boolean): Promise<unknown> {
    return this.latch('duplicate', async () => {
      const current = this.step;
      if (current.kind !== 'duplicate') return;
      if (!proceed) {
        await cancelSale(this.deps.send, current.sale, 'duplicate-declined');
        this.show({ kind: 'amount' });
        return;
      }
      await this.authorize(current.sale, current.card);
    });
  }

  cancel(): Promise<unknown> {
    return this.latch('cancel', async () => {
      const current = this.step;
      if (current.kind === 'card' || current.kind === 'duplicate' || current.kind === 'chip-swiped') await cancelSale(this.deps.send, current.sale, 'cashier-cancelled');
      this.show({ kind: 'amount' });
    });
  }

  /** From the result screen: a charged sale goes on to its signature (or is done). */
  proceedAfterResult(): void {
    const current = this.step;
    if (current.kind !== 'result' || this.busy) return;
    const { result, card } = current;
    if (charged(result) && card && result.sale.signatureState === 'unsigned') this.show({ kind: 'signature', sale: result.sale, card });
    else if (charged(result)) this.show({ kind: 'done', sale: result.sale });
    else this.show({ kind: 'amount' });
  }

  signed(strokes: SignaturePoint[][], png: string): void {
    const current = this.step;
    if (current.kind === 'signature') this.show({ kind: 'confirm-signature', sale: current.sale, card: current.card, strokes, png });
  }

  redo(): void {
    const current = this.step;
    if (current.kind === 'confirm-signature' || current.kind === 'unsigned') this.show({ kind: 'signature', sale: current.sale, card: current.card });
  }

  confirmSignature(): Promise<unknown> {
    return this.latch('confirm-signature', async () => {
      const current = this.step;
      if (current.kind !== 'confirm-signature') return;
      const sale = await this.deps.signatures.confirm(current.sale, current.strokes, current.png);
      this.show({ kind: 'done', sale });
      this.finished(sale);
    });
  }

  declineSignature(): void {
    const current = this.step;
    if (current.kind === 'signature' || current.kind === 'confirm-signature') {
      const forced = this.deps.signatures.needsManager(current.sale) ? 'manager-exemption' : unsignedFinish(this.deps.settings().signature);
      this.show({ kind: 'unsigned', sale: current.sale, card: current.card, mode: forced });
    }
  }

  /** Finishes unsigned: freely, or with a named manager's PIN and a reason when forced signature applies. Always settles. */
  async finishUnsigned(exemption: { managerId: string; pin: string; reason: string } | null): Promise<FinishUnsignedOutcome> {
    const outcome = await this.latch('finish-unsigned', async (): Promise<FinishUnsignedOutcome> => {
      const current = this.step;
      if (current.kind !== 'unsigned') return 'ok';
      if (current.mode === 'manager-exemption') {
        const waived = await this.deps.signatures.waive(current.sale, 'exemption', { reason: exemption?.reason ?? '', managerId: exemption?.managerId ?? '', managerPin: exemption?.pin ?? '' });
        if (waived === 'reason-required') return 'reason-required';
        if (waived === 'manager-required') return { reason: 'no-manager', retryAfterMs: null };
        if (waived !== 'ok') return waived;
      } else {
        const done = await this.deps.signatures.finishUnsigned(current.sale);
        if (done === 'manager-required') {
          this.show({ ...current, mode: 'manager-exemption' });
          return 'reason-required';
        }
      }
      const sale = (await this.deps.signatures.reload(current.sale));
      this.show({ kind: 'done', sale });
      this.finished(sale);
      return 'ok';
    });
    return outcome;
  }

  reset(): void {
    if (!this.busy) this.show({ kind: 'amount' });
  }

  /** A finished sale prints its queued copies; a print failure shows on the sale, and is logged. */
  private finished(sale: SaleRecord): void {
    this.deps.printing.printQueued(sale).catch((error: unknown) => {
      this.deps.logger.error('counter.print-failed', { saleId: sale.id, error });
      // A print that could not be journalled was not sent (written ahead): say why on the done step.
      const current = this.step;
      if (current.kind === 'done' && current.sale.id === sale.id && isStorageFull(error)) this.show(current, 'storage-full-print');
    });
  }
}
