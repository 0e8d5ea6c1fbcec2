import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'fontkit';
import type { Font } from 'fontkit';

/**
 * The report's font: Noto Sans SC Regular (Google's static TTF, SIL Open Font License 1.1,
 * see LICENSE_FONT in the package) from the npm package @expo-google-fonts/noto-sans-sc. It
 * has the Chinese and Latin glyphs the report needs; pdfkit embeds only the glyphs used. The
 * report never falls back to a system font, so it reads the same on every machine.
 *
 * The font is parsed once (fontkit, the parser pdfkit itself uses) and shared by every report:
 * parsing its layout tables per document cost about 100 ms a report.
 */
export const REPORT_FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILE = '400Regular/NotoSansSC_400Regular.ttf';

/** The font file under the app's root (the folder holding node_modules; inside app.asar when packaged). */
export const reportFontPath = (appRoot: string): string => join(appRoot, 'node_modules', REPORT_FONT_PACKAGE, FONT_FILE);

export type ReportFont = Font;

/** Reads and parses the font, once at start; a missing or damaged font is a broken install, said plainly. */
export const loadReportFont = (appRoot: string): ReportFont => {
  const path = reportFontPath(appRoot);
  try {
    const font = create(readFileSync(path));
    if (!('layout' in font)) throw new Error('a font collection, not a font');
    return font;
  } catch (e) {
    throw new Error(`The evidence report font is missing or damaged (${path}): reinstall Countersign. ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
};
