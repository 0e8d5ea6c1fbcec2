/**
 * Shop text (names, notes, reasons) made safe for a document (RULES 20): control characters
 * and the invisible characters that reorder or hide text (bidi overrides, zero-width marks)
 * are removed, so what a bank reads is what was typed; long text is cut with an ellipsis.
 * Line breaks survive only where `multiline` asks for them.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export const plainText = (value: string, opts: { max?: number; multiline?: boolean } = {}): string => {
  const max = opts.max ?? 500;
  let s = value.normalize('NFC').replace(INVISIBLE, '');
  s = opts.multiline ? s.replace(/\r\n?/g, '\n').replace(/(?!\n)\p{Cc}/gu, ' ') : s.replace(/\p{Cc}+/gu, ' ');
  s = s.replace(/[ \t]+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};
