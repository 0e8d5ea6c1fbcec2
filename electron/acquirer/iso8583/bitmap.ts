import { Iso8583Error } from './errors';

/**
 * Primary bitmap (fields 1-64) and, when any field above 64 is present, the secondary bitmap
 * (65-128) announced by bit 1. Bit 1 is the most significant bit of the first byte.
 */
export const buildBitmap = (fields: Iterable<number>): Uint8Array => {
  const list = [...fields];
  const secondary = list.some((f) => f > 64);
  const map = new Uint8Array(secondary ? 16 : 8);
  if (secondary) map[0] = 0x80;
  for (const f of list) {
    if (!Number.isInteger(f) || f < 2 || f > 128 || f === 65) throw new Iso8583Error('bad-value', `field ${f} cannot be set`, f);
    const bit = f - 1;
    map[bit >> 3] = (map[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  }
  return map;
};

/** Field numbers present, ascending, and how many bytes the bitmap(s) took. */
export const readBitmap = (bytes: Uint8Array, offset: number): { fields: number[]; length: 8 | 16 } => {
  if (bytes.length < offset + 8) throw new Iso8583Error('truncated', 'primary bitmap cut short', null, offset);
  const secondary = ((bytes[offset] ?? 0) & 0x80) !== 0;
  const length = secondary ? 16 : 8;
  if (bytes.length < offset + length) throw new Iso8583Error('truncated', 'secondary bitmap cut short', null, offset + 8);
  const fields: number[] = [];
  for (let bit = 1; bit < length * 8; bit++) {
    if (((bytes[offset + (bit >> 3)] ?? 0) & (0x80 >> (bit & 7))) !== 0) fields.push(bit + 1);
  }
  if (fields.length === 0 || (secondary && !fields.some((f) => f > 64))) throw new Iso8583Error('bad-bitmap', 'bitmap announces no fields', null, offset);
  return { fields, length };
};
