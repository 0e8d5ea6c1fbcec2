import { crc32, deflateSync } from 'node:zlib';
import { rowBytes } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import { renderReceiptBitmap } from '../escpos/render-bitmap';
import type { PrintedReceipt } from '../escpos/page';

const chunk = (type: string, data: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
};

/**
 * A 1-bit page as a compressed 1-bit greyscale PNG (black ink on white). The raster's packed
 * rows are already PNG's 1-bit layout (inverted: PNG's 1 is white), so no pixel is visited one
 * by one: an 8-bit greyscale PNG of the same page cost about eight times the work and bytes to
 * deflate, which the evidence export paid for every receipt.
 */
export const monoToPng = (page: MonoRaster): Buffer => {
  const stride = rowBytes(page.width);
  const raw = Buffer.alloc((stride + 1) * page.height);
  for (let y = 0; y < page.height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0;
    for (let i = 0; i < stride; i++) raw[row + 1 + i] = ~(page.bits[y * stride + i] ?? 0) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(page.width, 0);
  ihdr.writeUInt32BE(page.height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
};

/**
 * The receipt as the paper would look, one pixel per printer dot. Text uses glyphs drawn with
 * a CJK font found on this machine (electron/printer/receipt-fonts.ts); without one the text is
 * blank in the PNG and the .txt file remains the record. Images and QR codes are exact.
 */
export const renderReceiptPng = (receipt: PrintedReceipt): Buffer => monoToPng(renderReceiptBitmap(receipt));
