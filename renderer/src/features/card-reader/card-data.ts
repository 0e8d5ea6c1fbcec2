import { brandOf } from '../../../../shared/domain/card/brand';
import { luhnValid } from '../../../../shared/domain/card/luhn';

/**
 * Whether typed text holds card data (RULES 1: a card number must never reach a text field):
 * a Luhn-valid run of 12-19 digits (with single spaces or hyphens between groups, as a number
 * is often written), or a track's shape — a start sentinel or format code followed by 12-19
 * digits, or 12-19 digits followed by a track field separator (`=` track 2, `^` track 1).
 * Pure, so the swipe detector and the field guard judge the same way.
 */
const TRACK_SHAPE = /[;%]B?\d{12,19}(?!\d)|\d{12,19}[=^]/;
const DIGIT_RUN = /\d(?:[ -]?\d){11,18}/g;

/** A bare run must also start like a card (a known card network's prefix) to count in a field. */
export const isCardNumber = (digits: string, requireKnownBrand: boolean): boolean =>
  digits.length >= 12 && digits.length <= 19 && luhnValid(digits) && (!requireKnownBrand || brandOf(digits) !== 'unknown');

export const looksLikeCardData = (text: string, opts: { requireKnownBrand?: boolean } = {}): boolean => {
  if (TRACK_SHAPE.test(text)) return true;
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/[ -]/g, '');
    const before = text[(m.index ?? 0) - 1] ?? '';
    const after = text[(m.index ?? 0) + m[0].length] ?? '';
    // A longer number is not a card number (a 20-digit run holds no 16-digit PAN at its edges only).
    if (/\d/.test(before) || /\d/.test(after)) continue;
    if (isCardNumber(digits, opts.requireKnownBrand ?? false)) return true;
  }
  return false;
};

/**
 * Removes card data from a field's text: track-shaped segments (sentinel, PAN, separator and
 * what follows it on the track) and card-number runs. Returns null when there is none.
 */
export const scrubCardData = (text: string): string | null => {
  let out = text
    .replace(/%?B\d{12,19}\^[^^]{0,26}(?:\^[\d ]{0,40}\??)?/g, '')
    .replace(/;?\d{12,19}=\d{0,40}\??/g, '')
    .replace(/[;%]B?\d{12,19}/g, '');
  out = out.replace(DIGIT_RUN, (run, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + run.length] ?? '';
    if (/\d/.test(before) || /\d/.test(after)) return run;
    return isCardNumber(run.replace(/[ -]/g, ''), true) ? '' : run;
  });
  return out === text ? null : out;
};

/** Characters that continue a track after its card number (what a slow swipe types next). */
export const TRACK_TAIL = /^[0-9=^?;%A-Z /.\r\n]+$/;
