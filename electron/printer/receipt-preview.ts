import { transform } from 'receiptline';
import { columnsOfMarkup, receiptlineOptions } from '../../shared/domain/receipt';

/**
 * The SVG preview of receipt markup, made by the same receiptline and the same options as the
 * ESC/POS bytes, so the screen shows what the paper will. It is made on the main side because
 * receiptline 4.0.4 cannot be bundled for the browser by Vite: its Node branch `require`s pngjs,
 * whose stream/zlib shims are undefined in the browser and throw at load.
 */
export const receiptPreviewSvg = (markup: string, fallbackColumns = 48): { svg: string; columns: number } => {
  const columns = columnsOfMarkup(markup) ?? fallbackColumns;
  return { svg: transform(markup, { ...receiptlineOptions(columns), command: 'svg' }), columns };
};

const decodeXml = (text: string): string =>
  text.replace(/&#x([0-9a-f]+);|&#(\d+);|&(amp|lt|gt|quot|apos);/gi, (_m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named ?? ''] ?? '';
  });

/**
 * The text lines of a receiptline SVG, top to bottom, characters left to right (for tests and
 * for comparing the preview with what the printer decoded).
 */
export const svgTextLines = (svg: string): string[] => {
  const lines = new Map<number, Array<{ x: number; c: string }>>();
  const group = /<g transform="translate\(([-\d.]+),([-\d.]+)\)">((?:(?!<g ).)*?)<\/g>/g;
  for (const g of svg.matchAll(group)) {
    const gx = Number(g[1]);
    const gy = Number(g[2]);
    for (const t of (g[3] ?? '').matchAll(/<text([^>]*)>(.*?)<\/text>/g)) {
      const scale = /scale\(([\d.]+)/.exec(t[1] ?? '');
      const sx = scale ? Number(scale[1]) : 1;
      for (const span of (t[2] ?? '').matchAll(/<tspan x="([-\d.]+)">(.*?)<\/tspan>/g)) {
        const chars = lines.get(gy) ?? [];
        chars.push({ x: gx + Number(span[1]) * sx, c: decodeXml(span[2] ?? '') });
        lines.set(gy, chars);
      }
    }
  }
  return [...lines.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, chars]) =>
      chars
        .sort((a, b) => a.x - b.x)
        .map((ch) => ch.c)
        .join(''),
    );
};
