import type { CardReportFormat } from '../../shared/ports/card-reader';
import type { DecodeResult, TrackSet } from './card-report-bytes';
import { decodeIdtechFrame } from './idtech-frame';
import { decodeMagtekReport } from './magtek-report';
import { decodeMagtekV5Report, MAGTEK_V5_REPORT_LENGTH } from './magtek-v5-report';
import type { EncryptedTracks } from './magtek-v5-report';

export const MAGTEK_VENDOR_ID = 0x0801;
export const IDTECH_VENDOR_ID = 0x0acd;
export const CARD_READER_VENDOR_IDS: readonly number[] = [MAGTEK_VENDOR_ID, IDTECH_VENDOR_ID];

export type DecodedCardReport = DecodeResult<
  | { kind: 'clear'; format: CardReportFormat; tracks: TrackSet }
  | { kind: 'encrypted'; format: CardReportFormat; masked: TrackSet; encrypted: EncryptedTracks; ksn: string | null; cipher: 'tdes' | 'aes' | 'unknown' }
>;

/**
 * Which decoder a report needs. MagTek's plain swipe readers send 337-byte reports and the
 * MagneSafe V5 family 887; ID TECH readers in HID mode send enhanced frames padded to the report size.
 */
export const reportFormatFor = (vendorId: number, reportLength: number): CardReportFormat | null => {
  if (vendorId === MAGTEK_VENDOR_ID) return reportLength >= MAGTEK_V5_REPORT_LENGTH ? 'magtek-v5' : 'magtek-337';
  if (vendorId === IDTECH_VENDOR_ID) return 'idtech-enhanced';
  return null;
};

/**
 * Bytes in, tracks (clear or masked) or a specific reason out. Pure. The decoders are written
 * not to throw (the fuzz test calls them bare); the catch here only keeps a future slip from
 * reaching the reader's event loop.
 */
export const decodeCardReport = (format: CardReportFormat, bytes: Uint8Array): DecodedCardReport => {
  try {
    return decodeUnguarded(format, bytes);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
};

const decodeUnguarded = (format: CardReportFormat, bytes: Uint8Array): DecodedCardReport => {
  switch (format) {
    case 'magtek-337': {
      const r = decodeMagtekReport(bytes);
      return r.ok ? { ok: true, kind: 'clear', format, tracks: r.tracks } : r;
    }
    case 'magtek-v5': {
      const r = decodeMagtekV5Report(bytes);
      return r.ok ? { ok: true, kind: 'encrypted', format, masked: r.masked, encrypted: r.encrypted, ksn: r.ksn, cipher: 'unknown' } : r;
    }
    case 'idtech-enhanced': {
      const r = decodeIdtechFrame(bytes);
      return r.ok ? { ok: true, kind: 'encrypted', format, masked: r.masked, encrypted: r.encrypted, ksn: r.ksn, cipher: r.cipher } : r;
    }
    default:
      return { ok: false, reason: 'unsupported-format' };
  }
};
