import { createRaster, setPixel } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import type { GlyphStyle } from './page';

/** ESC t n → code page (Epson numbering). Pages we cannot decode fall back to CP437. */
export const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858' };

export const FONT_A = { w: 12, h: 24 };
export const FONT_B = { w: 9, h: 17 };

/** Fixed-length commands we accept without acting on them: prefix+code → parameter bytes. */
export const SKIP: Record<string, number> = {
  '1b:52': 1, // ESC R international character set
  '1b:56': 1, // ESC V rotation
  '1b:7b': 1, // ESC { upside down
  '1b:63': 2, // ESC c 3/4/5 n paper sensors, panel buttons
  '1b:55': 1, // ESC U unidirectional
  '1b:3d': 1, // ESC = select peripheral
  '1b:25': 1, // ESC % user-defined characters
  '1b:54': 1, // ESC T page-mode direction
  '1d:61': 1, // GS a ASB
  '1d:48': 1, // GS H HRI position
  '1d:66': 1, // GS f HRI font
  '1d:68': 1, // GS h barcode height
  '1d:77': 1, // GS w barcode width
  '1d:50': 2, // GS P motion units
  '1d:62': 1, // GS b smoothing
  '1c:43': 1, // FS C kanji code system
  '1c:53': 2, // FS S kanji spacing (left, right)
  '1c:21': 1, // FS ! kanji print mode
  '1c:57': 1, // FS W kanji quadruple size
  '10:05': 1, // DLE ENQ
};

export const defaultStyle = (): GlyphStyle => ({ widthScale: 1, heightScale: 1, bold: false, underline: false, invert: false, fontB: false });

/** Packed 1-bit rows (MSB first) at `at` → a raster, each dot repeated scaleX × scaleY. */
export const rasterFrom = (b: Uint8Array, at: number, stride: number, height: number, scaleX: number, scaleY: number): MonoRaster => {
  const r = createRaster(stride * 8 * scaleX, height * scaleY);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < stride * 8; x++) {
      if (((b[at + y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) === 0) continue;
      for (let dy = 0; dy < scaleY; dy++) for (let dx = 0; dx < scaleX; dx++) setPixel(r, x * scaleX + dx, y * scaleY + dy);
    }
  }
  return r;
};
