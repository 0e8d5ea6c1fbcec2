/**
 * The receipt-printer port. Adapters (TCP 9100, USB printer class, serial, and TCP to the
 * built-in virtual printer) only move bytes and read status replies; what to send and how
 * to judge the replies is decided once, on the main side (electron/printer).
 */
export type PrinterTransportKind = 'tcp' | 'usb' | 'serial' | 'virtual';

/** One machine status, from the `DLE EOT` 1-4 replies (electron/printer/dle-eot-status.ts). */
export const PRINTER_STATUS_CODES = ['ready', 'offline', 'cover-open', 'paper-near-end', 'paper-end', 'cutter-error', 'unrecoverable', 'no-reply', 'garbage'] as const;
export type PrinterStatusCode = (typeof PRINTER_STATUS_CODES)[number];

export interface PrinterStatus {
  code: PrinterStatusCode;
  /** Null when the printer did not answer or answered garbage. */
  online: boolean | null;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
  /** Printing stopped because of paper end (DLE EOT 2, bit 5). */
  paperEndStop: boolean;
  feedButton: boolean;
  errorOccurred: boolean;
  cutterError: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
  /** Cash-drawer connector pin 3 (DLE EOT 1, bit 2): high means open on most drawers. */
  drawerPin3High: boolean;
  /** The reply bytes for n = 1..4 (null: none arrived), as hex for diagnostics. */
  replies: Array<string | null>;
}

/** Why a connection, a write or a job failed. Stable codes; the renderer translates them. */
export const PRINTER_FAILURES = [
  'connection-refused',
  'connect-timeout',
  'write-timeout',
  'connection-lost',
  'not-found',
  'access-denied',
  'no-reply',
  'garbage',
  'offline',
  'cover-open',
  'paper-end',
  'cutter-error',
  'unrecoverable',
  'paper-mismatch',
  'render-failed',
  'not-configured',
  'duplicate-job',
  'io-error',
] as const;
export type PrinterFailure = (typeof PRINTER_FAILURES)[number];

export class PrinterTransportError extends Error {
  constructor(
    readonly reason: PrinterFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterTransportError';
  }
}

export interface PrinterTimeouts {
  /** Opening the connection or device. */
  connectMs: number;
  /** One write, until the bytes are handed to the OS / the bulk transfer completes. */
  writeMs: number;
  /** One status reply (DLE EOT answers in real time, so this is short). */
  replyMs: number;
}

export const DEFAULT_PRINTER_TIMEOUTS: PrinterTimeouts = { connectMs: 3_000, writeMs: 10_000, replyMs: 1_500 };

export interface PrinterTransport {
  readonly kind: PrinterTransportKind;
  /** For logs, the journal and the screen: `tcp 192.168.1.50:9100`, `usb 04b8:0202`, `serial COM3`. */
  readonly label: string;
  readonly isOpen: boolean;
  /** Connects or opens the device; rejects with a PrinterTransportError. */
  open(): Promise<void>;
  /** Sends bytes; rejects with a PrinterTransportError (write-timeout, connection-lost). */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Sends a request and resolves with the next `length` bytes the printer sends back, or null
   * when they do not arrive within `timeoutMs` (default: the reply timeout). Bytes that arrived
   * before the request are discarded first, and so are reply bytes for which `ignore` is true
   * (a late answer to an earlier query).
   */
  query(request: Uint8Array, length: number, timeoutMs?: number, ignore?: (byte: number) => boolean): Promise<Uint8Array | null>;
  /**
   * `DLE EOT` 1-4 and their reading. Never rejects: no answer is status `no-reply`. `ignore`
   * drops bytes that cannot be a status reply but may still arrive (a late `GS r` answer).
   */
  status(ignore?: (byte: number) => boolean): Promise<PrinterStatus>;
  /** Closes; safe to call twice. */
  close(): Promise<void>;
}
