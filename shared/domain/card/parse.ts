import { brandOf } from './brand';
import type { CardBrand } from './brand';
import { isExpired, parseExpiry } from './expiry';
import type { YearMonth } from './expiry';
import { luhnValid } from './luhn';
import { truncatePan } from './mask';
import type { TruncatedPan } from './mask';
import type { CardFailureReason } from './reasons';
import { parseTrack1, parseTrack2, splitSwipeText } from './track';
import type { TrackTexts } from './track';

/** A card read in clear. Holds the full PAN: it exists only in main-process memory. */
export interface ParsedCard extends TruncatedPan {
  pan: string;
  /** YYMM */
  expiry: string;
  expiryDate: YearMonth;
  serviceCode: string;
  /** Track 2 equivalent data (between the sentinels). */
  track2: string;
  track1: string | null;
  cardholderName: string | null;
  brand: CardBrand;
  /** Service code 2xx or 6xx: the card has a chip and should have been inserted (RULES 5). */
  chip: boolean;
}

export type CardResult = { ok: true; card: ParsedCard } | { ok: false; reason: CardFailureReason };

export interface ParseOptions {
  /** Refuse a card expired before this month (omit to skip the check). */
  today?: YearMonth;
}

/** First digit of the service code: 2 = international chip, 6 = national chip (ISO/IEC 7813). */
export const chipFromServiceCode = (serviceCode: string | null): boolean => serviceCode !== null && /^[26]/.test(serviceCode);

/**
 * The one path from track text to a card, for keyboard swipes and every HID report alike.
 * Track 2 is required (it is what an acquirer authorises on); track 1 only adds the name, and
 * a track 1 that fails its own checks is dropped rather than failing a good track 2 — but a
 * track 1 that parses and disagrees with track 2 means a mis-read, so the swipe is refused.
 * Never throws.
 */
export const parseCardTracks = (tracks: Pick<TrackTexts, 'track1' | 'track2'>, opts: ParseOptions = {}): CardResult => {
  try {
    if (tracks.track2 === null || tracks.track2.length === 0) {
      return { ok: false, reason: tracks.track1 ? 'track2-missing' : 'unreadable' };
    }
    const t2 = parseTrack2(tracks.track2);
    if (!t2.ok) return t2;
    const t1 = tracks.track1 ? parseTrack1(tracks.track1) : null;
    const track1 = t1?.ok ? t1.value : null;
    if (track1 && (track1.pan !== t2.value.pan || track1.expiry !== t2.value.expiry)) return { ok: false, reason: 'track-mismatch' };
    const { pan, expiry, serviceCode } = t2.value;
    if (!luhnValid(pan)) return { ok: false, reason: 'luhn-failed' };
    const expiryDate = parseExpiry(expiry);
    if (!expiryDate) return { ok: false, reason: 'bad-expiry' };
    if (opts.today && isExpired(expiryDate, opts.today)) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      card: {
        ...truncatePan(pan),
        pan,
        expiry,
        expiryDate,
        serviceCode,
        track2: t2.value.body,
        track1: track1?.body ?? null,
        cardholderName: track1?.name || null,
        brand: brandOf(pan),
        chip: chipFromServiceCode(serviceCode),
      },
    };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
};

/** What a keyboard-emulation reader typed, parsed by the same path. Never throws. */
export const parseSwipeText = (raw: string, opts: ParseOptions = {}): CardResult => {
  try {
    const split = splitSwipeText(raw);
    if (!split.ok) return split;
    return parseCardTracks(split.value, opts);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
};
