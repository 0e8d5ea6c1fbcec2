import { transform } from 'receiptline';
import { sha256Hex } from '../../shared/domain/hash';
import { columnsOfMarkup, getPixel, receiptColumns, receiptlineOptions } from '../../shared/domain/receipt';
import type { PrinterSettings } from '../../shared/domain/settings';
import type { z } from 'zod';
import { countersignEscpos, DRAWER_PULSE, PARTIAL_CUT_AFTER_FEED } from './escpos-commands';
import { parseEscpos } from './escpos/escpos-parser';
import { renderReceiptBitmap } from './escpos/render-bitmap';

export type PrinterProfile = Pick<z.infer<typeof PrinterSettings>, 'paperWidth' | 'dotsPerLine' | 'chinese' | 'cut' | 'drawerPulse'>;

export interface EncodedReceipt {
  bytes: Uint8Array;
  /** SHA-256 (hex) of exactly the bytes sent; stored in the print journal. */
  sha256: string;
  byteCount: number;
  columns: number;
  mode: 'native' | 'raster';
}

export type EncodeProblem = 'paper-mismatch' | 'render-failed';

export class EncodeError extends Error {
  constructor(
    readonly reason: EncodeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EncodeError';
  }
}

const fromBinary = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'binary'));

/** Columns the document was laid out for; refuses a document wider than the printer's line. */
const columnsFor = (markup: string, profile: PrinterProfile): number => {
  const columns = columnsOfMarkup(markup) ?? receiptColumns(profile.paperWidth, profile.dotsPerLine);
  if (columns * 12 > profile.dotsPerLine) {
    throw new EncodeError('paper-mismatch', `receipt laid out for ${columns} columns, printer line is ${profile.dotsPerLine} dots`);
  }
  return columns;
};

/** ESC/POS `GS v 0` raster bands (≤ 256 rows each, which every printer we know accepts) of a 1-bit image. */
export const rasterCommands = (width: number, height: number, isBlack: (x: number, y: number) => boolean): Uint8Array => {
  const stride = (width + 7) >> 3;
  const parts: number[] = [];
  for (let top = 0; top < height; top += 256) {
    const rows = Math.min(256, height - top);
    parts.push(0x1d, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8);
    for (let y = top; y < top + rows; y++) {
      for (let bx = 0; bx < stride; bx++) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) if (isBlack(bx * 8 + bit, y)) byte |= 0x80 >> bit;
        parts.push(byte);
      }
    }
  }
  return Uint8Array.from(parts);
};

/**
 * The whole receipt as one image, for printers without a Chinese font: the native bytes are
 * interpreted by our ESC/POS interpreter (the virtual printer's), drawn with a CJK font from
 * this machine, and sent as `GS v 0` raster bands. So the raster print shows exactly what the
 * native print would.
 */
const encodeRaster = (native: Uint8Array, profile: PrinterProfile): Uint8Array => {
  const printed = parseEscpos(native, profile.dotsPerLine).receipts;
  if (printed.length === 0) throw new EncodeError('render-failed', 'the receipt printed nothing');
  const parts: Uint8Array[] = [Uint8Array.of(0x1b, 0x40, 0x1d, 0x61, 0x00, 0x1b, 0x61, 0x00)];
  for (const receipt of printed) {
    let page;
    try {
      page = renderReceiptBitmap(receipt);
    } catch (error) {
      throw new EncodeError('render-failed', error instanceof Error ? error.message : String(error));
    }
    parts.push(rasterCommands(page.width, page.height, (x, y) => getPixel(page, x, y)));
    if (receipt.drawerPulses > 0) parts.push(fromBinary(DRAWER_PULSE));
    if (receipt.cut) parts.push(fromBinary(PARTIAL_CUT_AFTER_FEED));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Receipt markup + printer profile → the exact bytes to send, with their SHA-256. */
export const encodeReceipt = (markup: string, profile: PrinterProfile): EncodedReceipt => {
  const columns = columnsFor(markup, profile);
  const native = fromBinary(transform(markup, { ...receiptlineOptions(columns), cutting: profile.cut, command: countersignEscpos(profile) }));
  const bytes = profile.chinese === 'raster' ? encodeRaster(native, profile) : native;
  return { bytes, sha256: sha256Hex(bytes), byteCount: bytes.length, columns, mode: profile.chinese };
};
