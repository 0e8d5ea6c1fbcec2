import { existsSync } from 'node:fs';

/**
 * Fonts for drawing receipt text into images (the "Chinese as raster" printer option and the
 * virtual printer's PNG). A CJK font with a monospaced face is preferred; the first one found
 * on this machine wins. Debian: fonts-wqy-zenhei or fonts-noto-cjk; Windows and macOS ship one.
 */
const CANDIDATES: ReadonlyArray<{ file: string; family: string; mono: string }> = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei', mono: 'WenQuanYi Zen Hei Mono' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC', mono: 'Noto Sans Mono CJK SC' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC', mono: 'Noto Sans Mono CJK SC' },
  { file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback', mono: 'Droid Sans Fallback' },
  { file: 'C:\\Windows\\Fonts\\simsun.ttc', family: 'SimSun', mono: 'NSimSun' },
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'Microsoft YaHei', mono: 'Microsoft YaHei' },
  { file: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC', mono: 'PingFang SC' },
  { file: '/System/Library/Fonts/STHeiti Light.ttc', family: 'Heiti SC', mono: 'Heiti SC' },
];

export interface ReceiptFonts {
  files: string[];
  /** Family for text, or null when no CJK font is installed (text then draws only from system fonts). */
  family: string | null;
  mono: string | null;
}

let cached: ReceiptFonts | null = null;

export const findReceiptFonts = (): ReceiptFonts => {
  if (cached) return cached;
  const found = CANDIDATES.find((c) => existsSync(c.file));
  cached = found ? { files: [found.file], family: found.family, mono: found.mono } : { files: [], family: null, mono: null };
  return cached;
};

/** resvg options that draw receipt text with the font found above (system fonts as fallback). */
export const resvgFontOptions = (): { loadSystemFonts: boolean; fontFiles: string[]; defaultFontFamily?: string; monospaceFamily?: string; sansSerifFamily?: string } => {
  const fonts = findReceiptFonts();
  return {
    // Loading every system font costs ~100 ms per render; only do it when no known CJK font exists.
    loadSystemFonts: fonts.files.length === 0,
    fontFiles: fonts.files,
    ...(fonts.family ? { defaultFontFamily: fonts.family, sansSerifFamily: fonts.family } : {}),
    ...(fonts.mono ? { monospaceFamily: fonts.mono } : {}),
  };
};
