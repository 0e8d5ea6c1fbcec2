/**
 * Every reason a swipe or a reader report can be refused, as stable machine codes. The renderer
 * translates each one (renderer/src/features/card-reader/i18n.ts, `failure.<reason>`) so a cashier
 * is told exactly what went wrong and what to do (RULES 19).
 */
export const CARD_FAILURE_REASONS = [
  // Track text (ISO/IEC 7813)
  'unreadable',
  'no-start-sentinel',
  'no-end-sentinel',
  'bad-lrc',
  'track2-missing',
  'bad-track-format',
  'bad-pan',
  'luhn-failed',
  'bad-expiry',
  'expired',
  'track-mismatch',
  // Reader reports and frames (MagTek, ID TECH)
  'report-truncated',
  'report-length',
  'track-length-overflow',
  'track-junk',
  'blank-card',
  'not-payment-card',
  'unknown-encode-type',
  'unsupported-format',
  'frame-no-stx',
  'frame-no-etx',
  'frame-length',
  'frame-lrc',
  'frame-checksum',
] as const;

export type CardFailureReason = (typeof CARD_FAILURE_REASONS)[number];

export const isCardFailureReason = (value: unknown): value is CardFailureReason =>
  typeof value === 'string' && (CARD_FAILURE_REASONS as readonly string[]).includes(value);

/** English fallbacks for logs and CommandError messages; the renderer shows its own translation. */
export const CARD_FAILURE_MESSAGES: Record<CardFailureReason, string> = {
  unreadable: 'the stripe could not be read; please swipe again',
  'no-start-sentinel': 'no start sentinel (% or ;) in the swipe',
  'no-end-sentinel': 'no end sentinel (?) in the swipe',
  'bad-lrc': 'the track check character (LRC) does not match',
  'track2-missing': 'track 2 is missing',
  'bad-track-format': 'the track data is not in ISO/IEC 7813 format',
  'bad-pan': 'the card number has the wrong length or characters',
  'luhn-failed': 'the card number fails the Luhn check',
  'bad-expiry': 'the expiry date on the stripe is not a valid YYMM',
  expired: 'the card has expired',
  'track-mismatch': 'track 1 and track 2 disagree',
  'report-truncated': 'the reader report is shorter than its layout',
  'report-length': 'the reader report has the wrong length',
  'track-length-overflow': 'a track length points past its field',
  'track-junk': 'a track holds bytes that are not track characters',
  'blank-card': 'the card stripe is blank',
  'not-payment-card': 'the stripe is not a payment card (e.g. a driving licence)',
  'unknown-encode-type': 'the reader reported an unknown card encode type',
  'unsupported-format': 'the reader is in an output format the console does not support',
  'frame-no-stx': 'the reader frame does not start with STX',
  'frame-no-etx': 'the reader frame does not end with ETX',
  'frame-length': 'the reader frame length does not match its content',
  'frame-lrc': 'the reader frame XOR check (LRC) does not match',
  'frame-checksum': 'the reader frame sum check does not match',
};
