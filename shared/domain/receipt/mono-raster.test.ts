import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createRaster, encodeMonoPng, fromBase64, getPixel, pngSize, rasterizeStrokes, setPixel, toBase64 } from './mono-raster';
import { SAMPLE_STROKES } from './receipt-fixtures';

describe('mono raster', () => {
  it('writes a PNG that a standard decoder reads back bit for bit', () => {
    const r = createRaster(19, 7);
    for (let i = 0; i < 7; i++) setPixel(r, i * 3, i);
    const png = PNG.sync.read(Buffer.from(encodeMonoPng(r)));
    expect([png.width, png.height]).toEqual([19, 7]);
    for (let y = 0; y < 7; y++) for (let x = 0; x < 19; x++) expect(png.data[(y * 19 + x) * 4] === 0).toBe(getPixel(r, x, y));
  });

  it('round-trips base64 and reads the PNG size', () => {
    const bytes = encodeMonoPng(createRaster(300, 2));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(Buffer.from(bytes).toString('base64')).toBe(toBase64(bytes));
    expect(pngSize(bytes)).toEqual({ width: 300, height: 2 });
    expect(pngSize(Uint8Array.of(1, 2, 3))).toBeNull();
  });

  it('fits strokes into the box, keeps ink, and is deterministic', () => {
    const a = rasterizeStrokes(SAMPLE_STROKES, { maxWidth: 360, maxHeight: 120 });
    expect(a.width).toBeLessThanOrEqual(360);
    expect(a.height).toBeLessThanOrEqual(120);
    expect(a.bits.some((b) => b !== 0)).toBe(true);
    expect(rasterizeStrokes(SAMPLE_STROKES, { maxWidth: 360, maxHeight: 120 }).bits).toEqual(a.bits);
  });
});
