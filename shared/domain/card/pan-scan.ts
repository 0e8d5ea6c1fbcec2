import { luhnValid } from './luhn';

/**
 * Finds card data in anything about to leave the console (evidence bundles, RULES 14) or in a
 * bundle made elsewhere (the verifier's PAN_FOUND): a Luhn-valid run of 13-19 digits, plain or
 * grouped as printed on a card ("6212 3456 7890 1232"), and the shapes of magnetic-stripe
 * track data (`%B<pan>^NAME^YYMMSSS…`, `;<pan>=YYMMSSS…`), whether or not their PAN passes Luhn.
 * Hits name the position and the last four digits only, never the number.
 *
 * What is not a card number, on purpose, so that an export is not refused for a false alarm:
 * - runs starting with 0 or 1: no card network issues them (1 is airline-only UATP), while a
 *   Unix time in milliseconds is a 13-digit run starting with 1;
 * - digit runs inside a long hexadecimal token (SHA-256 digests, keyed fingerprints): in 64
 *   hex digits a 13-digit decimal run turns up about once in ten;
 * - 14-digit date-times `YYYYMMDDhhmmss` (PDF dates, host time stamps): no card number of
 *   14 digits starts with 19 or 20;
 * - numbers the caller names as known (the shop's own merchant number).
 */
export interface CardDataHit {
  kind: 'pan' | 'track';
  /** Offset in the text (or bytes) scanned, of the first digit or the track's first character. */
  offset: number;
  length: number;
  last4: string;
}

export interface CardScanOptions {
  /** Digit strings that are known not to be card numbers (separators ignored). */
  allow?: readonly string[];
}

const PLAIN_RUN = /(?<![0-9])[0-9]{13,19}(?![0-9])/g;
// Groups of four with one separator kind throughout (4-4-4-4, 4-4-4-4-3, 4-4-4-1..4), or 4-6-5 (Amex).
const GROUPED_RUN = /(?<![0-9][ -]?)(?:[0-9]{4}([ -])[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,4}){1,2}|[0-9]{4}([ -])[0-9]{6}\2[0-9]{5})(?![ -]?[0-9])/g;
const TRACK1 = /%?B([0-9]{12,19})\^[^^\n]{0,26}\^[0-9]{7}/g;
const TRACK2 = /(?<![0-9])([0-9]{12,19})=[0-9]{7}/g;
const HEX = /[0-9a-fA-F]/;
const DATE_TIME = /^(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$/;
/** A token of this many hex digits is a digest or key, not text a person typed. */
const HEX_TOKEN = 32;
/** Context the rules above look at around a run (hex token edges, track tails). */
const CONTEXT = 96;

const hexTokenLength = (text: string, start: number, end: number): number => {
  let a = start;
  let b = end;
  while (a > 0 && HEX.test(text[a - 1] ?? '') && end - a < HEX_TOKEN) a -= 1;
  while (b < text.length && HEX.test(text[b] ?? '') && b - a < HEX_TOKEN) b += 1;
  return b - a;
};

const digitsOf = (s: string): string => s.replace(/[^0-9]/g, '');

/**
 * Scans one text; `final` false leaves alone matches too close to the end to be judged yet,
 * and matches ending at or before `judgedUpTo` were judged in the previous round (with more
 * context before them than this text still has).
 */
const scanText = (text: string, allow: ReadonlySet<string>, final: boolean, judgedUpTo = 0): CardDataHit[] => {
  const hits: CardDataHit[] = [];
  const decided = (end: number): boolean => end > judgedUpTo && (final || end + CONTEXT <= text.length);
  const panAt = (offset: number, match: string, hexCheck: boolean): void => {
    const digits = digitsOf(match);
    const end = offset + match.length;
    if (!decided(end)) return;
    if (digits.length < 13 || digits.length > 19 || digits[0] === '0' || digits[0] === '1') return;
    if (allow.has(digits) || !luhnValid(digits) || DATE_TIME.test(digits)) return;
    if (hexCheck && hexTokenLength(text, offset, end) >= HEX_TOKEN) return;
    hits.push({ kind: 'pan', offset, length: match.length, last4: digits.slice(-4) });
  };
  for (const m of text.matchAll(PLAIN_RUN)) panAt(m.index, m[0], true);
  for (const m of text.matchAll(GROUPED_RUN)) panAt(m.index, m[0], false);
  for (const re of [TRACK1, TRACK2]) {
    for (const m of text.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!decided(end)) continue;
      if (re === TRACK2 && hexTokenLength(text, m.index, m.index + (m[1]?.length ?? 0)) >= HEX_TOKEN) continue;
      hits.push({ kind: 'track', offset: m.index, length: m[0].length, last4: (m[1] ?? '').slice(-4) });
    }
  }
  return hits;
};

const allowSet = (opts: CardScanOptions): Set<string> => new Set((opts.allow ?? []).map(digitsOf).filter((d) => d.length > 0));

/** All card data in one text, in order of position. */
export const findCardData = (text: string, opts: CardScanOptions = {}): CardDataHit[] =>
  scanText(text, allowSet(opts), true).sort((a, b) => a.offset - b.offset);

const CARRY = 512;

/**
 * The same scan over bytes that arrive in chunks (a file streamed into a ZIP), with bounded
 * memory: each chunk is read as Latin-1 (digits and track punctuation are ASCII in UTF-8 too)
 * together with the tail of the one before, so a number cut by a chunk boundary is still found.
 */
export class CardDataScanner {
  private carry = '';
  /** Offset of `carry`'s first character in the whole stream. */
  private carryStart = 0;
  private readonly hits: CardDataHit[] = [];
  private readonly seen = new Set<string>();
  private readonly allow: Set<string>;
  private readonly decoder = new TextDecoder('latin1');

  constructor(opts: CardScanOptions = {}) {
    this.allow = allowSet(opts);
  }

  push(chunk: Uint8Array): void {
    this.scan(this.carry + this.decoder.decode(chunk, { stream: true }), false);
  }

  pushText(text: string): void {
    this.scan(this.carry + text, false);
  }

  finish(): CardDataHit[] {
    this.scan(this.carry, true);
    this.carry = '';
    return this.hits.slice().sort((a, b) => a.offset - b.offset);
  }

  get found(): boolean {
    return this.hits.length > 0;
  }

  private scan(text: string, final: boolean): void {
    // Everything ending more than CONTEXT before the old text's end was judged last round.
    const judgedUpTo = Math.max(0, this.carry.length - CONTEXT);
    for (const hit of scanText(text, this.allow, final, judgedUpTo)) {
      const offset = this.carryStart + hit.offset;
      const key = `${hit.kind}:${offset}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.hits.push({ ...hit, offset });
    }
    const keep = Math.min(CARRY, text.length);
    this.carryStart += text.length - keep;
    this.carry = text.slice(text.length - keep);
    // Hits that fell out of the carry can never be found again: forget their keys.
    if (this.seen.size > 4096) {
      for (const key of this.seen) if (Number(key.slice(key.indexOf(':') + 1)) < this.carryStart) this.seen.delete(key);
    }
  }
}

/** Scans a whole byte array (small files, tests). */
export const findCardDataInBytes = (bytes: Uint8Array, opts: CardScanOptions = {}): CardDataHit[] => {
  const scanner = new CardDataScanner(opts);
  scanner.push(bytes);
  return scanner.finish();
};
