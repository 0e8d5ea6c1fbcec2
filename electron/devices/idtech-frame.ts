import { ascii, hex, isTrackText } from './card-report-bytes';
import type { DecodeResult, TrackSet } from './card-report-bytes';
import type { EncryptedTracks } from './magtek-v5-report';

/**
 * ID TECH encrypted MSR output, "enhanced" format (card encode type with bit 7 set).
 * Framing and fields from ID TECH's SecureMag User Manual (2010-2014 edition, "Card data is sent
 * out in the following format" and its notes on fields 4, 8 and 9), the iMag/iMag Pro User Manual
 * and the SecureHead SPI User Manual (notes 3 and 4), which all publish the same structure:
 *   <STX 02> <LenL> <LenH> <card data ...> <CheckLRC> <CheckSum> <ETX 03>
 *   Len (little-endian) counts the card data; CheckLRC is the XOR of the card data bytes,
 *   CheckSum their sum modulo 256. Card data:
 *   3      card encode type: 0x80 ISO/ABA, 0x81 AAMVA, 0x83 other, 0x84 raw (enhanced format)
 *   4      track status: bits 0-2 track 1-3 decoded, bits 3-5 track 1-3 sampling data present
 *   5-7    track 1-3 unencrypted length
 *   8      clear/masked status: bits 0-2 track 1-3 masked data present, bit 4 AES (else TDES),
 *          bit 7 reader serial number present
 *   9      encrypted/hash status: bits 0-2 track 1-3 encrypted data present, bits 3-5 hash
 *          present (20-byte SHA-1 each), bit 6 session id (8 bytes), bit 7 KSN (10 bytes)
 *   then   masked tracks 1-3, encrypted tracks 1-3 (each its length rounded up to the cipher
 *          block, 8 for TDES, 16 for AES), session id, hashes, serial number (10), KSN (10)
 * Over USB HID the frame is padded with 0x00 to the report size (HIDSIZE, e.g. 560), so zero
 * bytes after ETX are accepted and anything else there is refused.
 */
const STX = 0x02;
const ETX = 0x03;

export interface IdtechSwipe {
  encodeType: number;
  masked: TrackSet;
  encrypted: EncryptedTracks;
  ksn: string | null;
  cipher: 'tdes' | 'aes';
}

export type IdtechFrame = DecodeResult<IdtechSwipe>;

const roundUp = (n: number, block: number): number => Math.ceil(n / block) * block;

export const decodeIdtechFrame = (frame: Uint8Array): IdtechFrame => {
  if (frame.length === 0 || frame.every((b) => b === 0)) return { ok: false, reason: 'report-truncated' };
  if (frame[0] !== STX) return { ok: false, reason: 'frame-no-stx' };
  if (frame.length < 6) return { ok: false, reason: 'report-truncated' };
  const length = (frame[1] ?? 0) | ((frame[2] ?? 0) << 8);
  const total = length + 6;
  if (frame.length < total) return { ok: false, reason: 'report-truncated' };
  if (frame[total - 1] !== ETX) return { ok: false, reason: 'frame-no-etx' };
  if (frame.subarray(total).some((b) => b !== 0)) return { ok: false, reason: 'frame-length' };
  const data = frame.subarray(3, 3 + length);
  let xor = 0;
  let sum = 0;
  for (const b of data) {
    xor ^= b;
    sum = (sum + b) & 0xff;
  }
  if (xor !== frame[3 + length]) return { ok: false, reason: 'frame-lrc' };
  if (sum !== frame[4 + length]) return { ok: false, reason: 'frame-checksum' };
  return readCardData(data);
};

const readCardData = (data: Uint8Array): IdtechFrame => {
  if (data.length < 7) return { ok: false, reason: 'frame-length' };
  const encodeType = data[0] ?? 0;
  if ((encodeType & 0x80) === 0 || encodeType === 0x84) return { ok: false, reason: 'unsupported-format' };
  if (encodeType === 0x81) return { ok: false, reason: 'not-payment-card' };
  if (encodeType !== 0x80 && encodeType !== 0x83) return { ok: false, reason: 'unknown-encode-type' };
  const trackStatus = data[1] ?? 0;
  const lengths = [data[2] ?? 0, data[3] ?? 0, data[4] ?? 0];
  const maskStatus = data[5] ?? 0;
  const encStatus = data[6] ?? 0;
  const block = maskStatus & 0x10 ? 16 : 8;
  let cursor = 7;
  const take = (n: number): Uint8Array | null => {
    if (cursor + n > data.length) return null;
    const out = data.subarray(cursor, cursor + n);
    cursor += n;
    return out;
  };
  const masked: Array<string | null> = [null, null, null];
  for (let t = 0; t < 3; t += 1) {
    if (!(maskStatus & (1 << t))) continue;
    const bytes = take(lengths[t] ?? 0);
    if (!bytes) return { ok: false, reason: 'track-length-overflow' };
    if (!isTrackText(bytes)) return { ok: false, reason: 'track-junk' };
    masked[t] = bytes.length > 0 && trackStatus & (1 << t) ? ascii(bytes) : null;
  }
  const encrypted: Array<Uint8Array | null> = [null, null, null];
  for (let t = 0; t < 3; t += 1) {
    if (!(encStatus & (1 << t))) continue;
    const bytes = take(roundUp(lengths[t] ?? 0, block));
    if (!bytes) return { ok: false, reason: 'track-length-overflow' };
    encrypted[t] = bytes.length > 0 ? bytes.slice() : null;
  }
  const skip = (encStatus & 0x40 ? 8 : 0) + 20 * [0x08, 0x10, 0x20].filter((bit) => encStatus & bit).length + (maskStatus & 0x80 ? 10 : 0);
  if (!take(skip)) return { ok: false, reason: 'frame-length' };
  const ksn = encStatus & 0x80 ? take(10) : null;
  if (encStatus & 0x80 && !ksn) return { ok: false, reason: 'frame-length' };
  if (masked.every((m) => m === null)) return { ok: false, reason: 'unreadable' };
  return {
    ok: true,
    encodeType,
    masked: { track1: masked[0] ?? null, track2: masked[1] ?? null, track3: masked[2] ?? null },
    encrypted: { track1: encrypted[0] ?? null, track2: encrypted[1] ?? null, track3: encrypted[2] ?? null },
    ksn: ksn ? hex(ksn) : null,
    cipher: block === 16 ? 'aes' : 'tdes',
  };
};
