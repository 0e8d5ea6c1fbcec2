import type { SignaturePoint } from '../../data/records';

/**
 * Cashier ⇄ customer window, both pages of the same origin (app:// or the browser host), over a
 * BroadcastChannel. Only the amount goes out and only strokes and the PNG come back: no card data.
 */
export type CustomerMessage =
  | { type: 'show-amount'; saleId: string; amountFen: number }
  | { type: 'request-signature'; saleId: string; amountFen: number }
  | { type: 'signed'; saleId: string; strokes: SignaturePoint[][]; png: string }
  | { type: 'idle' };

const CHANNEL = 'countersign-customer';

export const openCustomerChannel = (onMessage: (m: CustomerMessage) => void): { post: (m: CustomerMessage) => void; close: () => void } => {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<CustomerMessage>) => onMessage(e.data);
  return { post: (m) => channel.postMessage(m), close: () => channel.close() };
};
