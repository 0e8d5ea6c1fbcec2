import { readTrackField } from './card-report-bytes';
import type { DecodeResult, TrackSet } from './card-report-bytes';

/**
 * MagTek USB HID Swipe Reader input report, 337 bytes, no report ID.
 * Layout from MagTek "USB HID SureSwipe & USB HID Swipe Reader Technical Reference Manual"
 * (part 99875191, Rev 20, April 2020), section 4 "Card data":
 *   0-2    track 1/2/3 decode status (bit 0 set = decode error; that track's length is then 0)
 *   3-5    track 1/2/3 data length (valid bytes in the track field)
 *   6      card encode type (0 ISO/ABA, 1 AAMVA, 2 CADL, 3 blank, 4 other, 5 undetermined, 6 none)
 *   7-116  track 1 data, 117-226 track 2 data, 227-336 track 3 data (110 bytes each, decoded
 *          ASCII from start sentinel to end sentinel; bytes past the length are undefined)
 * Usage page 0xFF00, usage 0x01 ("decoding reader device").
 */
export const MAGTEK_REPORT_LENGTH = 337;
export const MAGTEK_TRACK_FIELD = 110;
const TRACK_OFFSETS = [7, 117, 227] as const;

export const MagtekEncodeType = { iso: 0, aamva: 1, cadl: 2, blank: 3, other: 4, undetermined: 5, none: 6 } as const;

export type MagtekReport = DecodeResult<{ encodeType: number; tracks: TrackSet }>;

export const decodeMagtekReport = (report: Uint8Array): MagtekReport => {
  if (report.length < MAGTEK_REPORT_LENGTH) return { ok: false, reason: 'report-truncated' };
  if (report.length > MAGTEK_REPORT_LENGTH) return { ok: false, reason: 'report-length' };
  const encodeType = report[6] ?? 0xff;
  if (encodeType === MagtekEncodeType.blank) return { ok: false, reason: 'blank-card' };
  if (encodeType === MagtekEncodeType.aamva || encodeType === MagtekEncodeType.cadl) return { ok: false, reason: 'not-payment-card' };
  if (encodeType === MagtekEncodeType.undetermined || encodeType === MagtekEncodeType.none) return { ok: false, reason: 'unreadable' };
  if (encodeType > MagtekEncodeType.none) return { ok: false, reason: 'unknown-encode-type' };
  const texts: Array<string | null> = [];
  for (let t = 0; t < 3; t += 1) {
    const status = report[t] ?? 1;
    const length = report[3 + t] ?? 0;
    if ((status & 0x01) === 1) {
      texts.push(null);
      continue;
    }
    const field = readTrackField(report, TRACK_OFFSETS[t] ?? 0, MAGTEK_TRACK_FIELD, length);
    if (!field.ok) return field;
    texts.push(field.text);
  }
  if (texts.every((x) => x === null)) return { ok: false, reason: 'unreadable' };
  return { ok: true, encodeType, tracks: { track1: texts[0] ?? null, track2: texts[1] ?? null, track3: texts[2] ?? null } };
};

export interface MagtekReportInput {
  track1?: string | null;
  track2?: string | null;
  track3?: string | null;
  /** Decode status per track; a track with status 1 is sent with length 0, as the reader does. */
  status?: readonly [number, number, number];
  encodeType?: number;
}

/** Builds a report exactly as the reader sends it (used by the virtual reader and fixtures). */
export const encodeMagtekReport = (input: MagtekReportInput): Uint8Array => {
  const report = new Uint8Array(MAGTEK_REPORT_LENGTH);
  const tracks = [input.track1 ?? null, input.track2 ?? null, input.track3 ?? null];
  report[6] = input.encodeType ?? MagtekEncodeType.iso;
  tracks.forEach((text, t) => {
    const status = input.status?.[t] ?? 0;
    report[t] = status;
    if (status & 0x01 || !text) return;
    const bytes = Buffer.from(text, 'latin1').subarray(0, MAGTEK_TRACK_FIELD);
    report[3 + t] = bytes.length;
    report.set(bytes, TRACK_OFFSETS[t] ?? 0);
    bytes.fill(0);
  });
  return report;
};
