import { Iso8583Error } from './errors';

/**
 * UnionPay POS framing over TCP: a 2-byte big-endian length (of everything after it), the TPDU
 * (5 bytes: ID 0x60, destination address, source address), the application header (6 bytes in
 * UnionPay's layout, e.g. 60 31 00 00 00 00; configurable here), then the ISO 8583 body.
 * The host answers with source and destination swapped in its TPDU.
 */
export const TPDU_LENGTH = 5;
/** Larger than any POS message (a full field 55 + 59 + 63 stays under 2 KB). */
export const MAX_FRAME_LENGTH = 8192;
/** MTI + primary bitmap: nothing shorter is a message. */
const MIN_BODY = 10;

export interface FrameConfig {
  tpdu: Uint8Array;
  header: Uint8Array;
}

export interface Frame {
  tpdu: Uint8Array;
  header: Uint8Array;
  body: Uint8Array;
}

const fromHex = (hex: string, what: string): Uint8Array => {
  if (!/^([0-9A-Fa-f]{2})*$/.test(hex)) throw new Iso8583Error('bad-value', `${what} is not hex`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
};

export const frameConfig = (tpduHex: string, headerHex: string): FrameConfig => {
  const tpdu = fromHex(tpduHex, 'TPDU');
  if (tpdu.length !== TPDU_LENGTH || tpdu[0] !== 0x60) throw new Iso8583Error('bad-tpdu', 'a TPDU is 5 bytes starting 60');
  return { tpdu, header: fromHex(headerHex, 'header') };
};

/** The TPDU of an answer: same ID, destination and source swapped. */
export const swapTpdu = (tpdu: Uint8Array): Uint8Array => Uint8Array.from([tpdu[0] ?? 0x60, tpdu[3] ?? 0, tpdu[4] ?? 0, tpdu[1] ?? 0, tpdu[2] ?? 0]);

export const encodeFrame = (body: Uint8Array, config: FrameConfig): Uint8Array => {
  const length = config.tpdu.length + config.header.length + body.length;
  if (length > MAX_FRAME_LENGTH) throw new Iso8583Error('frame-too-large', `frame of ${length} bytes`);
  const out = new Uint8Array(2 + length);
  out[0] = length >> 8;
  out[1] = length & 0xff;
  out.set(config.tpdu, 2);
  out.set(config.header, 2 + config.tpdu.length);
  out.set(body, 2 + config.tpdu.length + config.header.length);
  return out;
};

const split = (payload: Uint8Array, headerLength: number, offset: number): Frame => {
  if (payload.length < TPDU_LENGTH + headerLength + MIN_BODY) throw new Iso8583Error('frame-too-short', `frame of ${payload.length} bytes`, null, offset);
  if (payload[0] !== 0x60) throw new Iso8583Error('bad-tpdu', `TPDU ID 0x${(payload[0] ?? 0).toString(16)}, expected 0x60`, null, offset + 2);
  return {
    tpdu: payload.slice(0, TPDU_LENGTH),
    header: payload.slice(TPDU_LENGTH, TPDU_LENGTH + headerLength),
    body: payload.slice(TPDU_LENGTH + headerLength),
  };
};

/** One complete frame (length prefix included) → its parts. */
export const decodeFrame = (bytes: Uint8Array, headerLength: number): Frame => {
  if (bytes.length < 2) throw new Iso8583Error('frame-too-short', 'no length prefix', null, 0);
  const length = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  if (length > MAX_FRAME_LENGTH) throw new Iso8583Error('frame-too-large', `length prefix says ${length}`, null, 0);
  if (length !== bytes.length - 2) throw new Iso8583Error('frame-length-mismatch', `length prefix says ${length}, ${bytes.length - 2} bytes follow`, null, 0);
  return split(bytes.subarray(2), headerLength, 0);
};

/**
 * Reassembles frames from a TCP stream (they can arrive split or several in one chunk).
 * After an error the stream is out of step and the caller must close the connection.
 */
export class FrameReader {
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly headerLength: number) {}

  push(chunk: Uint8Array): Array<{ ok: true; frame: Frame } | { ok: false; error: Iso8583Error }> {
    const merged = new Uint8Array(this.buffer.length + chunk.length);
    merged.set(this.buffer);
    merged.set(chunk, this.buffer.length);
    const out: Array<{ ok: true; frame: Frame } | { ok: false; error: Iso8583Error }> = [];
    let at = 0;
    while (merged.length - at >= 2) {
      const length = ((merged[at] ?? 0) << 8) | (merged[at + 1] ?? 0);
      if (length > MAX_FRAME_LENGTH) {
        out.push({ ok: false, error: new Iso8583Error('frame-too-large', `length prefix says ${length}`, null, at) });
        this.buffer = new Uint8Array(0);
        return out;
      }
      if (merged.length - at - 2 < length) break;
      try {
        out.push({ ok: true, frame: split(merged.subarray(at + 2, at + 2 + length), this.headerLength, at) });
      } catch (error) {
        if (!(error instanceof Iso8583Error)) throw error;
        out.push({ ok: false, error });
      }
      at += 2 + length;
    }
    this.buffer = merged.slice(at);
    return out;
  }

  get pending(): number {
    return this.buffer.length;
  }
}
