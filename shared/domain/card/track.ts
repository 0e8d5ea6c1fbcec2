import { parseExpiry } from './expiry';
import type { CardFailureReason } from './reasons';

/**
 * ISO/IEC 7813 financial-card tracks as text, sentinels included, optional LRC after the end
 * sentinel. Layouts: track 1 `%B PAN ^ NAME ^ YYMM SVC discretionary ?` (max 79 characters),
 * track 2 `; PAN = YYMM SVC discretionary ?` (max 40). Character sets and LRC per ISO/IEC 7811-2:
 * track 1 is 6-bit (ASCII 0x20-0x5F), track 2 is 4-bit (ASCII 0x30-0x3F).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: CardFailureReason };

export interface TrackData {
  pan: string;
  /** YYMM */
  expiry: string;
  serviceCode: string;
  discretionary: string;
  /** The track between its sentinels (the "track equivalent data" an acquirer wants). */
  body: string;
}

export interface Track1Data extends TrackData {
  name: string;
}

const fail = (reason: CardFailureReason): { ok: false; reason: CardFailureReason } => ({ ok: false, reason });

/** LRC character over `framed` (start sentinel through end sentinel): XOR of each character's data bits. */
export const trackLrc = (framed: string, track: 1 | 2): string => {
  const base = track === 1 ? 0x20 : 0x30;
  const bits = track === 1 ? 0x3f : 0x0f;
  let x = 0;
  for (let i = 0; i < framed.length; i += 1) x ^= (framed.charCodeAt(i) - base) & bits;
  return String.fromCharCode(base + x);
};

interface Framed {
  body: string;
}

/** Checks sentinels, trailing LRC and length; returns the body between the sentinels. */
const unframe = (text: string, start: '%' | ';', track: 1 | 2, maxLength: number): Parsed<Framed> => {
  if (text.length === 0) return fail('unreadable');
  if (text[0] !== start) return fail('no-start-sentinel');
  const end = text.indexOf('?', 1);
  if (end < 0) return fail('no-end-sentinel');
  const framed = text.slice(0, end + 1);
  const after = text.slice(end + 1);
  if (after.length > 1) return fail('bad-track-format');
  const body = text.slice(1, end);
  if (body === 'E') return fail('unreadable');
  if (framed.length > maxLength) return fail('bad-track-format');
  if (after.length === 1 && after !== trackLrc(framed, track)) return fail('bad-lrc');
  return { ok: true, value: { body } };
};

const splitAdditional = (rest: string): Parsed<{ expiry: string; serviceCode: string; discretionary: string }> => {
  const expiry = rest.slice(0, 4);
  if (!parseExpiry(expiry)) return fail('bad-expiry');
  const serviceCode = rest.slice(4, 7);
  if (!/^[0-9]{3}$/.test(serviceCode)) return fail('bad-track-format');
  return { ok: true, value: { expiry, serviceCode, discretionary: rest.slice(7) } };
};

/** Track 1, format code B. Lower case (a keyboard reader with Caps Lock on) is read as upper case. */
export const parseTrack1 = (text: string): Parsed<Track1Data> => {
  const framed = unframe(text.toUpperCase(), '%', 1, 79);
  if (!framed.ok) return framed;
  const { body } = framed.value;
  if (!/^[\x20-\x5f]*$/.test(body) || body.includes('%')) return fail('bad-track-format');
  if (body[0] !== 'B') return fail('bad-track-format');
  const first = body.indexOf('^');
  const second = first < 0 ? -1 : body.indexOf('^', first + 1);
  if (second < 0) return fail('bad-track-format');
  const pan = body.slice(1, first).replace(/ /g, '');
  if (!/^[0-9]{12,19}$/.test(pan)) return fail('bad-pan');
  const name = body.slice(first + 1, second).trim();
  if (name.length > 26) return fail('bad-track-format');
  const rest = splitAdditional(body.slice(second + 1));
  if (!rest.ok) return rest;
  return { ok: true, value: { pan, name, ...rest.value, body } };
};

export const parseTrack2 = (text: string): Parsed<TrackData> => {
  const framed = unframe(text, ';', 2, 40);
  if (!framed.ok) return framed;
  const { body } = framed.value;
  if (!/^[0-9=]*$/.test(body)) return fail('bad-track-format');
  const separator = body.indexOf('=');
  if (separator < 0) return fail('bad-track-format');
  const pan = body.slice(0, separator);
  if (!/^[0-9]{12,19}$/.test(pan)) return fail('bad-pan');
  const rest = splitAdditional(body.slice(separator + 1));
  if (!rest.ok) return rest;
  return { ok: true, value: { pan, ...rest.value, body } };
};

export interface TrackTexts {
  track1: string | null;
  track2: string | null;
  track3: string | null;
}

const isBodyStart = (sentinel: string, next: string | undefined): boolean =>
  next !== undefined && (sentinel === ';' ? /[0-9E]/.test(next) : /[A-Za-z*]/.test(next));

/**
 * Splits what a keyboard-emulation reader typed into its tracks. The character after an end
 * sentinel is an LRC unless it starts the next track; because an LRC can itself be `%` or `;`,
 * a sentinel only counts as a start when a track body follows it.
 */
export const splitSwipeText = (raw: string): Parsed<TrackTexts> => {
  const out: TrackTexts = { track1: null, track2: null, track3: null };
  const text = raw.replace(/^[\s\0]+|[\s\0]+$/g, '');
  if (text.length === 0) return fail('unreadable');
  let i = 0;
  let found = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c !== '%' && c !== ';') return fail(found === 0 ? 'no-start-sentinel' : 'bad-track-format');
    const end = text.indexOf('?', i + 1);
    if (end < 0) {
      if (out.track2 !== null) break; // a cut-off track 3 does not spoil tracks 1 and 2
      return fail('no-end-sentinel');
    }
    let next = end + 1;
    const after = text[next];
    if (after !== undefined && !/\s/.test(after) && !((after === '%' || after === ';') && isBodyStart(after, text[next + 1]))) next += 1;
    const track = text.slice(i, next);
    if (c === '%') {
      if (out.track1 !== null) return fail('bad-track-format');
      out.track1 = track;
    } else if (out.track2 === null) out.track2 = track;
    else out.track3 = track;
    found += 1;
    i = next;
  }
  return { ok: true, value: out };
};
