import { hex, readTrackField } from './card-report-bytes';
import type { DecodeResult, TrackSet } from './card-report-bytes';
import { MagtekEncodeType } from './magtek-report';

/**
 * MagTek MagneSafe V5 encrypting reader, USB HID input report, 887 bytes, no report ID.
 * Layout from MagTek "MagneSafe V5 Communication Reference Manual" (part 99875475, rev 10,
 * November 2012), section "Card data (HID)", and the same offsets in MagTek's
 * "USB MagneSafe Swipe Reader Technical Reference Manual":
 *   0-2      track 1/2/3 decode status (bit 0 = error)
 *   3-5      track 1/2/3 encrypted data length
 *   6        card encode type (as the 337-byte reader)
 *   7-118    track 1 encrypted data, 119-230 track 2, 231-342 track 3 (112 bytes each)
 *   343      card status; 344-347 MagnePrint status; 348 MagnePrint length; 349-476 MagnePrint
 *   477-492  device serial number; 493-494 reader encryption status
 *   495-504  DUKPT key serial number (KSN)
 *   505-507  track 1/2/3 masked data length
 *   508-619  track 1 masked data, 620-731 track 2, 732-843 track 3 (112 bytes each)
 *   844-851  encrypted session id; 852-855 track 1/2/3 and MagnePrint absolute lengths
 *   856-886  later additions (remaining MSR transactions, version fields); not used here
 * Only the masked tracks, the KSN and the encrypted blocks (by their stated lengths) are read.
 * The console never decrypts: the encrypted blocks go to the vault untouched for a host that
 * holds the DUKPT base key.
 */
export const MAGTEK_V5_REPORT_LENGTH = 887;
const FIELD = 112;
const ENCRYPTED_OFFSETS = [7, 119, 231] as const;
const MASKED_OFFSETS = [508, 620, 732] as const;
const KSN_OFFSET = 495;
const KSN_LENGTH = 10;
const SERIAL_OFFSET = 477;
const ENCRYPTION_STATUS_OFFSET = 493;

export interface EncryptedTracks {
  track1: Uint8Array | null;
  track2: Uint8Array | null;
  track3: Uint8Array | null;
}

export interface EncryptedSwipeReport {
  encodeType: number;
  masked: TrackSet;
  encrypted: EncryptedTracks;
  /** DUKPT key serial number, hex; null when the reader sent none (all zero). */
  ksn: string | null;
  encryptionStatus: number;
}

export type MagtekV5Report = DecodeResult<EncryptedSwipeReport>;

export const decodeMagtekV5Report = (report: Uint8Array): MagtekV5Report => {
  if (report.length < MAGTEK_V5_REPORT_LENGTH) return { ok: false, reason: 'report-truncated' };
  if (report.length > MAGTEK_V5_REPORT_LENGTH) return { ok: false, reason: 'report-length' };
  const encodeType = report[6] ?? 0xff;
  if (encodeType === MagtekEncodeType.blank) return { ok: false, reason: 'blank-card' };
  if (encodeType === MagtekEncodeType.aamva || encodeType === MagtekEncodeType.cadl) return { ok: false, reason: 'not-payment-card' };
  if (encodeType === MagtekEncodeType.undetermined || encodeType === MagtekEncodeType.none) return { ok: false, reason: 'unreadable' };
  if (encodeType > MagtekEncodeType.none) return { ok: false, reason: 'unknown-encode-type' };
  const masked: Array<string | null> = [];
  const encrypted: Array<Uint8Array | null> = [];
  for (let t = 0; t < 3; t += 1) {
    const failed = ((report[t] ?? 1) & 0x01) === 1;
    const encLength = report[3 + t] ?? 0;
    const maskLength = report[505 + t] ?? 0;
    if (encLength > FIELD || maskLength > FIELD) return { ok: false, reason: 'track-length-overflow' };
    if (failed) {
      masked.push(null);
      encrypted.push(null);
      continue;
    }
    const field = readTrackField(report, MASKED_OFFSETS[t] ?? 0, FIELD, maskLength);
    if (!field.ok) return field;
    masked.push(field.text);
    const start = ENCRYPTED_OFFSETS[t] ?? 0;
    encrypted.push(encLength > 0 ? report.slice(start, start + encLength) : null);
  }
  if (masked.every((m) => m === null)) return { ok: false, reason: 'unreadable' };
  const ksnBytes = report.subarray(KSN_OFFSET, KSN_OFFSET + KSN_LENGTH);
  return {
    ok: true,
    encodeType,
    masked: { track1: masked[0] ?? null, track2: masked[1] ?? null, track3: masked[2] ?? null },
    encrypted: { track1: encrypted[0] ?? null, track2: encrypted[1] ?? null, track3: encrypted[2] ?? null },
    ksn: ksnBytes.some((b) => b !== 0) ? hex(ksnBytes) : null,
    encryptionStatus: ((report[ENCRYPTION_STATUS_OFFSET] ?? 0) << 8) | (report[ENCRYPTION_STATUS_OFFSET + 1] ?? 0),
  };
};

/** Offsets for fixture builders and the fuzz test (the layout above, as numbers). */
export const MAGTEK_V5_LAYOUT = {
  field: FIELD,
  encryptedOffsets: ENCRYPTED_OFFSETS,
  maskedOffsets: MASKED_OFFSETS,
  maskedLengthOffset: 505,
  ksnOffset: KSN_OFFSET,
  serialOffset: SERIAL_OFFSET,
  encryptionStatusOffset: ENCRYPTION_STATUS_OFFSET,
} as const;
