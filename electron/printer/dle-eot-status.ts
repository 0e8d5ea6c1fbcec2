import type { PrinterStatus, PrinterStatusCode } from '../../shared/ports/printer-transport';

/**
 * `DLE EOT n` (0x10 0x04 n, n = 1..4): transmit real-time status. Epson ESC/POS Command
 * Reference, "DLE EOT": every reply has bit 1 and bit 4 fixed to 1 and bits 0 and 7 fixed to 0,
 * so a healthy printer-status reply (n = 1) is 0x12. Bits per n:
 *   n=1 printer status:  bit 2 drawer connector pin 3 high, bit 3 offline, bit 5 waiting for
 *                        online recovery, bit 6 paper-feed button pressed
 *   n=2 offline cause:   bit 2 cover open, bit 3 paper fed by the button, bit 5 printing stopped
 *                        by paper end, bit 6 error occurred
 *   n=3 error cause:     bit 2 recoverable error (some models), bit 3 autocutter error,
 *                        bit 5 unrecoverable error, bit 6 automatically recoverable error
 *   n=4 roll paper:      bits 2-3 near end, bits 5-6 paper end (both bits of a pair set together)
 * Printers answer DLE EOT even while offline, so it tells apart "off" (no reply), "stopped"
 * and "fine". A byte that breaks the fixed bits is not a status reply (noise, a late answer to
 * another command, a printer in another mode) and makes the whole reading `garbage` (RULES 19).
 */
export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** `GS r 1`: transmit paper sensor status; answered only once everything before it is processed. */
export const GS_R_PAPER = Uint8Array.of(0x1d, 0x72, 0x01);

export const isStatusByte = (byte: number): boolean => (byte & 0x93) === 0x12;

/** A `GS r 1` reply: bit 4 and bit 7 are fixed to 0 (which also tells it from a DLE EOT reply). */
export const isPaperSensorReply = (byte: number): boolean => (byte & 0x90) === 0;

export type StatusReplies = [number | null, number | null, number | null, number | null];

const bit = (byte: number | null, n: number): boolean => byte !== null && (byte & (1 << n)) !== 0;

const hex = (byte: number | null): string | null => (byte === null ? null : byte.toString(16).padStart(2, '0'));

const codeOf = (s: Omit<PrinterStatus, 'code' | 'replies'>): PrinterStatusCode => {
  if (s.unrecoverable) return 'unrecoverable';
  if (s.cutterError) return 'cutter-error';
  if (s.coverOpen) return 'cover-open';
  if (s.paperEnd || s.paperEndStop) return 'paper-end';
  if (s.online === false || s.errorOccurred || s.autoRecoverable) return 'offline';
  if (s.paperNearEnd) return 'paper-near-end';
  return 'ready';
};

/**
 * Reads the four replies (null where none arrived). No reply to n = 1 means `no-reply`; a reply
 * that breaks the fixed bits means `garbage`; otherwise the most serious condition wins.
 */
export const parseStatusReplies = (replies: StatusReplies): PrinterStatus => {
  const [r1, r2, r3, r4] = replies;
  const flags = {
    online: r1 === null ? null : !bit(r1, 3),
    coverOpen: bit(r2, 2),
    paperNearEnd: bit(r4, 2) || bit(r4, 3),
    paperEnd: bit(r4, 5) || bit(r4, 6),
    paperEndStop: bit(r2, 5),
    feedButton: bit(r2, 3) || bit(r1, 6),
    errorOccurred: bit(r2, 6),
    cutterError: bit(r3, 3),
    unrecoverable: bit(r3, 5),
    autoRecoverable: bit(r3, 6),
    drawerPin3High: bit(r1, 2),
  };
  const shown = replies.map(hex);
  if (r1 === null) return { ...flags, online: null, code: 'no-reply', replies: shown };
  if (replies.some((r) => r !== null && !isStatusByte(r))) {
    return {
      online: null,
      coverOpen: false,
      paperNearEnd: false,
      paperEnd: false,
      paperEndStop: false,
      feedButton: false,
      errorOccurred: false,
      cutterError: false,
      unrecoverable: false,
      autoRecoverable: false,
      drawerPin3High: false,
      code: 'garbage',
      replies: shown,
    };
  }
  return { ...flags, code: codeOf(flags), replies: shown };
};

/** Whether a job may be sent with this status (a near-end roll still prints). */
export const canPrint = (status: PrinterStatus): boolean => status.code === 'ready' || status.code === 'paper-near-end';

/** English reasons for logs and the envelope fallback message; the screen translates the code. */
export const STATUS_MESSAGES: Record<PrinterStatusCode, string> = {
  ready: 'printer ready',
  offline: 'printer is offline',
  'cover-open': 'printer cover is open',
  'paper-near-end': 'paper roll is nearly used up',
  'paper-end': 'printer is out of paper',
  'cutter-error': 'autocutter error',
  unrecoverable: 'printer reports an unrecoverable error',
  'no-reply': 'printer did not answer the status query',
  garbage: 'printer answered the status query with bytes that are not a status reply',
};
