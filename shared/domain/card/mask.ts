/**
 * Card-number display (RULES 3 and 4): screens and receipts show the last four digits; the
 * BIN + last four form is for the manager role only. A stored PAN is only ever truncated.
 */
export type ViewerRole = 'cashier' | 'manager';

export interface TruncatedPan {
  /** First six digits, or null when the source (a masked track) did not reveal six. */
  bin: string | null;
  last4: string;
  panLength: number;
}

export const truncatePan = (pan: string): TruncatedPan => ({
  bin: pan.length >= 12 ? pan.slice(0, 6) : null,
  last4: pan.slice(-4),
  panLength: pan.length,
});

/** The form every screen and receipt uses: `**** 1232`. */
export const maskLast4 = (last4: string): string => `**** ${last4}`;

/** Manager form: `621234 ****** 1232` (BIN, one star per hidden digit, last four). */
export const maskBinLast4 = (t: TruncatedPan): string => {
  if (!t.bin) return maskLast4(t.last4);
  const hidden = Math.max(t.panLength - t.bin.length - t.last4.length, 0);
  return `${t.bin} ${'*'.repeat(hidden)} ${t.last4}`;
};

export const cardNumberFor = (t: TruncatedPan, role: ViewerRole): string => (role === 'manager' ? maskBinLast4(t) : maskLast4(t.last4));
