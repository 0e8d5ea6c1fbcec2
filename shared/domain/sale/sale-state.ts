/**
 * The sale state machine (ARCHITECTURE.md "The sale, as data"). Every write of a sale's
 * state goes through `assertTransition`, so a bug cannot move a declined sale to approved or
 * resurrect a reversed one.
 */
export type SaleState =
  | 'created'
  | 'card-read'
  | 'authorizing'
  | 'approved'
  | 'declined'
  | 'offline-accepted'
  /** An offline sale whose advice is being sent (written before each send; a retry is an 0221 repeat). */
  | 'forwarding'
  | 'unknown'
  | 'reversed'
  | 'voided'
  | 'cancelled';

const NEXT: Record<SaleState, readonly SaleState[]> = {
  created: ['card-read', 'cancelled'],
  'card-read': ['authorizing', 'offline-accepted', 'cancelled'],
  // `unknown`: no answer (timeout, socket closed, crash). `reversed`: a reversal confirmed before any answer.
  // `cancelled` / `offline-accepted` only when main reports the request never left (no connection, card gone).
  authorizing: ['approved', 'declined', 'unknown', 'reversed', 'cancelled', 'offline-accepted'],
  // Resolution of an unknown sale: inquiry finds it (approved/declined) or a reversal is confirmed;
  // a refund or void the host never received is cancelled (they are resolved by inquiry only).
  unknown: ['approved', 'declined', 'reversed', 'cancelled'],
  // A sale accepted offline is forwarded later: written `forwarding` before each send, then the
  // host approves or declines it.
  'offline-accepted': ['forwarding'],
  forwarding: ['approved', 'declined'],
  approved: ['voided', 'reversed'],
  declined: [],
  reversed: [],
  voided: [],
  cancelled: [],
};

export const canTransition = (from: SaleState, to: SaleState): boolean => NEXT[from].includes(to);

export class IllegalTransition extends Error {
  constructor(
    readonly from: SaleState,
    readonly to: SaleState,
  ) {
    super(`sale cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransition';
  }
}

export const assertTransition = (from: SaleState, to: SaleState): void => {
  if (!canTransition(from, to)) throw new IllegalTransition(from, to);
};

/** States in which the money question is still open and must be resolved before the next online sale. */
export const UNRESOLVED: readonly SaleState[] = ['authorizing', 'unknown'];

/** States the cashier finished with a card charged (or to be charged when forwarded). */
export const CHARGED: readonly SaleState[] = ['approved', 'offline-accepted', 'forwarding'];

/** Offline sales still owed to their host: forwarded in the order taken. */
export const QUEUED: readonly SaleState[] = ['offline-accepted', 'forwarding'];

/** Final states in which nothing was charged: no signature is ever wanted. */
export const UNCHARGED_END: readonly SaleState[] = ['declined', 'cancelled', 'reversed'];
