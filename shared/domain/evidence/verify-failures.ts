/**
 * The verifier's stable failure codes (issue 14). The CLI prints one line per failure starting
 * with its code; the in-app screen translates the code and shows the message as detail.
 */
export const VERIFY_CODES = [
  'BAG_INVALID',
  'DIGEST_MISMATCH',
  'SIGNATURE_INVALID',
  'UNKNOWN_KEY',
  'CHECKPOINT_INVALID',
  'AUDIT_CHAIN_BROKEN',
  'SIGNATURE_DIGEST_MISMATCH',
  'PAN_FOUND',
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export interface VerifyFailure {
  code: VerifyCode;
  /** The bundle file concerned, when there is one. */
  file: string | null;
  /** For SIGNATURE_DIGEST_MISMATCH: the signed field that differs (or `strokes`, `digest`, `featureCode`). */
  field?: string;
  /** One line of English for logs, the CLI and support; screens translate `code`. */
  message: string;
}

export const failure = (code: VerifyCode, file: string | null, message: string, field?: string): VerifyFailure =>
  field === undefined ? { code, file, message } : { code, file, field, message };

/** `CODE file: message` — the CLI's line; the code always comes first. */
export const formatFailure = (f: VerifyFailure): string => `${f.code}${f.file ? ` ${f.file}` : ''}: ${f.message.replace(/[\r\n]+/g, ' ')}`;
