import { Iso8583Error } from './errors';

/**
 * Packed BCD as UnionPay POS uses it: two digits a byte. An odd number of digits is padded with
 * one 0 nibble, on the right ("left-aligned", variable fields and a few fixed ones such as 22)
 * or on the left ("right-aligned", most fixed numeric fields). Track data ('z') also carries the
 * separator '=' as nibble D (中国银联 POS 终端消息域说明, 数据类型).
 */
export type Align = 'left' | 'right';

const nibbleOf = (ch: string, track: boolean): number => {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (track && (ch === '=' || ch === 'D' || ch === 'd')) return 0xd;
  return -1;
};

export const packBcd = (digits: string, align: Align, track = false): Uint8Array => {
  const padded = digits.length % 2 === 0 ? digits : align === 'left' ? `${digits}0` : `0${digits}`;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibbleOf(padded[i * 2] ?? '', track);
    const lo = nibbleOf(padded[i * 2 + 1] ?? '', track);
    if (hi < 0 || lo < 0) throw new Iso8583Error('bad-value', track ? 'not track data' : 'not digits');
    out[i] = (hi << 4) | lo;
  }
  return out;
};

/** Unpacks `count` digits from `bytes` (which holds exactly ceil(count/2) bytes). */
export const unpackBcd = (bytes: Uint8Array, count: number, align: Align, track = false, field: number | null = null, offset: number | null = null): string => {
  let text = '';
  for (const byte of bytes) {
    for (const nibble of [byte >> 4, byte & 0x0f]) {
      if (nibble <= 9) text += String(nibble);
      else if (track && nibble === 0xd) text += '=';
      // Some terminals pad with F instead of 0; it can only sit in the pad position (checked below).
      else if (nibble === 0xf) text += 'F';
      else throw new Iso8583Error('bad-bcd', `nibble ${nibble.toString(16)} is not a digit`, field, offset);
    }
  }
  const extra = text.length - count;
  const value = extra === 0 ? text : align === 'left' ? text.slice(0, count) : text.slice(extra);
  const pad = extra === 0 ? '' : align === 'left' ? text.slice(count) : text.slice(0, extra);
  if (value.includes('F') || (pad !== '' && pad !== '0' && pad !== 'F')) throw new Iso8583Error('bad-bcd', 'F nibble inside the value', field, offset);
  return value;
};

/** A BCD length prefix: 1 byte (LL, 0-99) or 2 bytes (LLL, 0-9999 in form, 0-999 allowed). */
export const readBcdLength = (bytes: Uint8Array, field: number, offset: number): number => {
  let n = 0;
  for (const byte of bytes) {
    const hi = byte >> 4;
    const lo = byte & 0x0f;
    if (hi > 9 || lo > 9) throw new Iso8583Error('bad-length-prefix', `length prefix ${Buffer.from(bytes).toString('hex')} is not BCD`, field, offset);
    n = n * 100 + hi * 10 + lo;
  }
  return n;
};

export const writeBcdLength = (n: number, bytes: 1 | 2): Uint8Array => packBcd(String(n).padStart(bytes * 2, '0'), 'right');
