import type { CardFailureReason } from '../../shared/domain/card/reasons';

/** Shared result shape of the HID report decoders: pure, byte-in, never throwing. */
export type DecodeResult<T> = ({ ok: true } & T) | { ok: false; reason: CardFailureReason };

export interface TrackSet {
  track1: string | null;
  track2: string | null;
  track3: string | null;
}

/** Track bytes are decoded ASCII (the readers convert the stripe's 5- and 7-bit codes). */
export const isTrackText = (bytes: Uint8Array): boolean => {
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return false;
  return true;
};

/** Latin-1 is a one-to-one byte map, so nothing is lost or substituted. */
export const ascii = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

export const hex = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
};

/** Reads a track field: `length` valid bytes at the start of a fixed-size field. */
export const readTrackField = (
  report: Uint8Array,
  offset: number,
  fieldSize: number,
  length: number,
): { ok: true; text: string | null } | { ok: false; reason: CardFailureReason } => {
  if (length > fieldSize) return { ok: false, reason: 'track-length-overflow' };
  if (length === 0) return { ok: true, text: null };
  const bytes = report.subarray(offset, offset + length);
  if (!isTrackText(bytes)) return { ok: false, reason: 'track-junk' };
  return { ok: true, text: ascii(bytes) };
};

/** Zero-fills a copy-free view so card bytes do not linger in a buffer we own. */
export const wipe = (bytes: Uint8Array | null | undefined): void => {
  if (bytes) bytes.fill(0);
};
