import { PNG } from 'pngjs';
import { getPixel } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import { renderReceiptBitmap } from '../escpos/render-bitmap';
import type { PrintedReceipt } from '../escpos/page';

/** A 1-bit page as a compressed greyscale PNG (black ink on white). */
export const monoToPng = (page: MonoRaster): Buffer => {
  const png = new PNG({ width: page.width, height: page.height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  const grey = Buffer.alloc(page.width * page.height, 255);
  for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) if (getPixel(page, x, y)) grey[y * page.width + x] = 0;
  png.data = grey;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
};

/**
 * The receipt as the paper would look, one pixel per printer dot. Text uses glyphs drawn with
 * a CJK font found on this machine (electron/printer/receipt-fonts.ts); without one the text is
 * blank in the PNG and the .txt file remains the record. Images and QR codes are exact.
 */
export const renderReceiptPng = (receipt: PrintedReceipt): Buffer => monoToPng(renderReceiptBitmap(receipt));
