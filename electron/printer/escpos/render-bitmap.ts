import { createRaster, getPixel, setPixel } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import { glyph, prepareGlyphs } from './glyphs';
import type { Glyph, PrintedReceipt, TextLine } from './page';

/**
 * A printed receipt as the paper shows it, one bit per dot. Characters are scaled the way a
 * printer scales them for `GS !` (each dot repeated), emphasis is a second strike one dot to
 * the right, underline two dots under the cell, reverse prints white on black.
 */
const drawGlyph = (page: MonoRaster, g: Glyph, line: TextLine): void => {
  const base = glyph(g.char, g.wide);
  const { widthScale: ws, heightScale: hs } = g.style;
  const unitW = g.style.fontB ? (g.wide ? 18 : 9) : base.width;
  const unitH = g.style.fontB ? 17 : 24;
  const cellH = unitH * hs;
  const top = line.y + line.height - cellH;
  const at = (sx: number, sy: number): boolean => sx >= 0 && sx < unitW && getPixel(base, Math.floor((sx * base.width) / unitW), Math.floor((sy * 24) / unitH));
  for (let y = 0; y < cellH; y++) {
    for (let x = 0; x < g.width; x++) {
      const sx = Math.floor(x / ws);
      const sy = Math.floor(y / hs);
      let ink = at(sx, sy) || (g.style.bold && at(sx - 1, sy));
      if (g.style.underline && y >= cellH - 2) ink = true;
      if (g.style.invert) ink = !ink;
      if (ink) setPixel(page, g.x + x, top + y);
    }
  }
};

export const renderReceiptBitmap = (receipt: PrintedReceipt): MonoRaster => {
  const page = createRaster(receipt.width, Math.max(1, receipt.height));
  const lines = receipt.blocks.filter((b): b is TextLine => b.kind === 'text');
  prepareGlyphs(lines.flatMap((l) => l.glyphs.map((g) => ({ char: g.char, wide: g.wide }))));
  for (const block of receipt.blocks) {
    if (block.kind === 'text') {
      for (const g of block.glyphs) drawGlyph(page, g, block);
      continue;
    }
    const r = block.raster;
    for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) if (getPixel(r, x, y)) setPixel(page, block.x + x, block.y + y);
  }
  return page;
};
