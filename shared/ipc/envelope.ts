/**
 * The one answer shape of every command, on both hosts.
 * Error codes are stable identifiers the renderer translates; `message` is an English
 * fallback for logs and developers, never shown to a cashier untranslated.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_COMMAND'
  | 'FORBIDDEN_SENDER'
  /**
   * The sender has no session allowed to run this command (shared/ipc/roles.ts): `reason` is
   * not-signed-in, locked, pin-change-required, manager-needed, customer-window or
   * approval-needed (a void, refund or exemption without a manager's grant). Main records it.
   */
  | 'FORBIDDEN_ROLE'
  | 'MESSAGE_TOO_LARGE'
  | 'MALFORMED_MESSAGE'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DEVICE'
  | 'CARD'
  | 'PRINTER'
  | 'ACQUIRER'
  | 'OFFLINE_LIMIT'
  | 'STORAGE'
  | 'INTERNAL';

export interface EnvelopeError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending field for VALIDATION errors. */
  field?: string;
  /** A finer machine reason (e.g. a card or printer reason code) the renderer can translate. */
  reason?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: EnvelopeError };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, extra: Partial<EnvelopeError> = {}): Envelope<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Thrown by handlers to answer with a specific error instead of INTERNAL. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
