import { parseExpiry } from './expiry';
import type { YearMonth } from './expiry';
import type { Parsed } from './track';

/**
 * Masked tracks from encrypting readers (MagTek MagneSafe V5, ID TECH enhanced format): the
 * PAN keeps its leading and trailing digits and the middle is replaced by a mask character
 * (MagTek's default is '0', ID TECH's '*'). When the mask character is '0' the hidden digits
 * cannot be told from real ones, so at most the first four digits are trusted.
 */
export interface MaskedCard {
  /** Leading digits the reader left clear (4 to 6). */
  panPrefix: string;
  last4: string;
  panLength: number;
  expiry: YearMonth | null;
  serviceCode: string | null;
}

const fail = (reason: 'bad-track-format' | 'bad-pan' | 'unreadable'): { ok: false; reason: typeof reason } => ({ ok: false, reason });

const unwrap = (text: string, start: string): string => {
  let body = text.startsWith(start) ? text.slice(1) : text;
  const end = body.indexOf('?');
  if (end >= 0) body = body.slice(0, end);
  return body;
};

const maskedPan = (part: string): Parsed<{ panPrefix: string; last4: string; panLength: number }> => {
  if (part.length < 12 || part.length > 19 || !/^[\x21-\x7e]+$/.test(part)) return fail('bad-pan');
  const last4 = part.slice(-4);
  if (!/^[0-9]{4}$/.test(last4)) return fail('bad-pan');
  const lead = /^[0-9]*/.exec(part)?.[0] ?? '';
  const visibleMask = lead.length < part.length - 4;
  const panPrefix = visibleMask ? lead.slice(0, 6) : lead.slice(0, 4);
  if (panPrefix.length < 4) return fail('bad-pan');
  return { ok: true, value: { panPrefix, last4, panLength: part.length } };
};

const additional = (rest: string): { expiry: YearMonth | null; serviceCode: string | null } => ({
  expiry: parseExpiry(rest.slice(0, 4)),
  serviceCode: /^[0-9]{3}$/.test(rest.slice(4, 7)) ? rest.slice(4, 7) : null,
});

export const parseMaskedTrack2 = (text: string): Parsed<MaskedCard> => {
  const body = unwrap(text, ';');
  if (body === '' || body === 'E') return fail('unreadable');
  const separator = body.indexOf('=');
  if (separator < 0) return fail('bad-track-format');
  const pan = maskedPan(body.slice(0, separator));
  if (!pan.ok) return pan;
  return { ok: true, value: { ...pan.value, ...additional(body.slice(separator + 1)) } };
};

export const parseMaskedTrack1 = (text: string): Parsed<MaskedCard> => {
  const body = unwrap(text, '%');
  if (body === '' || body === 'E') return fail('unreadable');
  const parts = body.split('^');
  if (parts.length < 3) return fail('bad-track-format');
  const pan = maskedPan((parts[0] ?? '').slice(1).replace(/ /g, ''));
  if (!pan.ok) return pan;
  return { ok: true, value: { ...pan.value, ...additional(parts.slice(2).join('^')) } };
};
