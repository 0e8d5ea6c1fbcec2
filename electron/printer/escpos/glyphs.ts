import { Resvg } from '@resvg/resvg-js';
import { createRaster, setPixel } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import { resvgFontOptions } from '../receipt-fonts';

/**
 * Printer-font glyphs (Font A: 12x24 dots, double-byte 24x24) drawn once per character with
 * a CJK font from this machine and kept for the life of the process. resvg lays out text
 * slowly with large CJK fonts (~1.5 ms per glyph with WenQuanYi Zen Hei), so a receipt is never
 * drawn as SVG text: each distinct character is drawn once, in one batch, then copied.
 */
const CELL_H = 24;
const FONT_SIZE = 22;
const BASELINE = 19;
const cache = new Map<string, MonoRaster>();

const key = (char: string, wide: boolean): string => `${wide ? 'W' : 'N'}${char}`;

const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Draws every glyph not cached yet, in one resvg pass; a missing font leaves blank glyphs. */
export const prepareGlyphs = (chars: Iterable<{ char: string; wide: boolean }>): void => {
  const missing = new Map<string, { char: string; wide: boolean }>();
  for (const c of chars) if (!cache.has(key(c.char, c.wide)) && !missing.has(key(c.char, c.wide))) missing.set(key(c.char, c.wide), c);
  if (missing.size === 0) return;
  const list = [...missing.values()];
  const perRow = 32;
  const width = perRow * 24;
  const height = Math.ceil(list.length / perRow) * CELL_H;
  const texts = list
    .map((c, i) => {
      const cx = (i % perRow) * 24 + (c.wide ? 12 : 6);
      const y = Math.floor(i / perRow) * CELL_H + BASELINE;
      // Latin letters of CJK monospace fonts are a little wider than a 12-dot cell (M, W): narrow them.
      const squeeze = c.wide ? '' : ' scale(0.86,1)';
      return c.char.trim().length === 0 ? '' : `<text transform="translate(${cx},${y})${squeeze}" text-anchor="middle">${escapeXml(c.char)}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="monospace" font-size="${FONT_SIZE}" fill="#000">${texts}</g></svg>`;
  let pixels: Buffer | null = null;
  try {
    const rendered = new Resvg(svg, { font: resvgFontOptions(), fitTo: { mode: 'original' } }).render();
    if (rendered.width === width) pixels = rendered.pixels;
  } catch {
    pixels = null;
  }
  list.forEach((c, i) => {
    const w = c.wide ? 24 : 12;
    const glyph = createRaster(w, CELL_H);
    const ox = (i % perRow) * 24;
    const oy = Math.floor(i / perRow) * CELL_H;
    if (pixels) {
      for (let y = 0; y < CELL_H; y++) {
        for (let x = 0; x < w; x++) {
          // Transparent background: ink is alpha. A low threshold keeps thin CJK strokes joined.
          const alpha = pixels[((oy + y) * width + ox + x) * 4 + 3] ?? 0;
          if (alpha >= 50) setPixel(glyph, x, y);
        }
      }
    }
    cache.set(key(c.char, c.wide), glyph);
  });
};

/** The glyph bitmap (12x24 or 24x24); draws it first if needed. */
export const glyph = (char: string, wide: boolean): MonoRaster => {
  const found = cache.get(key(char, wide));
  if (found) return found;
  prepareGlyphs([{ char, wide }]);
  return cache.get(key(char, wide)) ?? createRaster(wide ? 24 : 12, CELL_H);
};
