/**
 * 1-bit images for receipts (signatures, the paper-width bar). A raster is rows of packed
 * bits, most significant bit first, 1 = black — the layout of ESC/POS `GS v 0`.
 * Pure TypeScript: the PNG is written with stored (uncompressed) deflate blocks, so no zlib
 * is needed and the same code runs in the renderer and in main.
 */
export interface MonoRaster {
  width: number;
  height: number;
  /** `ceil(width / 8) * height` bytes. */
  bits: Uint8Array;
}

export interface StrokePointLike {
  x: number;
  y: number;
}

export const rowBytes = (width: number): number => (width + 7) >> 3;

export const createRaster = (width: number, height: number): MonoRaster => ({
  width,
  height,
  bits: new Uint8Array(rowBytes(width) * height),
});

export const setPixel = (r: MonoRaster, x: number, y: number): void => {
  if (x < 0 || y < 0 || x >= r.width || y >= r.height) return;
  const i = y * rowBytes(r.width) + (x >> 3);
  r.bits[i] = (r.bits[i] ?? 0) | (0x80 >> (x & 7));
};

export const getPixel = (r: MonoRaster, x: number, y: number): boolean =>
  x >= 0 && y >= 0 && x < r.width && y < r.height && ((r.bits[y * rowBytes(r.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;

const fillDisc = (r: MonoRaster, cx: number, cy: number, radius: number): void => {
  const r2 = radius * radius;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) if (dx * dx + dy * dy <= r2 + radius) setPixel(r, cx + dx, cy + dy);
  }
};

/**
 * Draws signature strokes (canvas coordinates, any scale) into a raster at most `maxWidth` by
 * `maxHeight` dots, keeping the aspect ratio, with round pens `penRadius` dots wide.
 * Deterministic: the same strokes always give the same bits (the printed slip is evidence).
 */
export const rasterizeStrokes = (
  strokes: readonly (readonly StrokePointLike[])[],
  opts: { maxWidth: number; maxHeight: number; penRadius?: number; margin?: number },
): MonoRaster => {
  const pen = opts.penRadius ?? 1;
  const margin = opts.margin ?? pen + 1;
  const points = strokes.flat();
  if (points.length === 0) return createRaster(8, 8);
  const minX = Math.min(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  const spanX = Math.max(1, Math.max(...points.map((p) => p.x)) - minX);
  const spanY = Math.max(1, Math.max(...points.map((p) => p.y)) - minY);
  const scale = Math.min((opts.maxWidth - 2 * margin) / spanX, (opts.maxHeight - 2 * margin) / spanY);
  const width = Math.min(opts.maxWidth, Math.ceil(spanX * scale) + 2 * margin);
  const height = Math.min(opts.maxHeight, Math.ceil(spanY * scale) + 2 * margin);
  const raster = createRaster(width, height);
  const map = (p: StrokePointLike): [number, number] => [Math.round((p.x - minX) * scale) + margin, Math.round((p.y - minY) * scale) + margin];
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i++) {
      const a = stroke[i];
      if (!a) continue;
      const [x0, y0] = map(a);
      const b = stroke[i + 1];
      if (!b) {
        fillDisc(raster, x0, y0, pen);
        continue;
      }
      const [x1, y1] = map(b);
      const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
      for (let s = 0; s <= steps; s++) fillDisc(raster, Math.round(x0 + ((x1 - x0) * s) / steps), Math.round(y0 + ((y1 - y0) * s) / steps), pen);
    }
  }
  return raster;
};

// ---- PNG (ISO/IEC 15948) with stored deflate blocks (RFC 1950/1951) ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const adler32 = (bytes: Uint8Array): number => {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
};

const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(body, 4);
  out.set(u32(crc32(body)), 8 + data.length);
  return out;
};

const zlibStored = (raw: Uint8Array): Uint8Array => {
  const blocks: number[] = [0x78, 0x01];
  for (let pos = 0; pos < raw.length || pos === 0; pos += 65535) {
    const len = Math.min(65535, raw.length - pos);
    const last = pos + len >= raw.length ? 1 : 0;
    blocks.push(last, len & 255, len >> 8, ~len & 255, (~len >> 8) & 255);
    for (let i = 0; i < len; i++) blocks.push(raw[pos + i] ?? 0);
    if (len === 0) break;
  }
  blocks.push(...u32(adler32(raw)));
  return Uint8Array.from(blocks);
};

/** A 1-bit greyscale PNG (white background, black ink) of the raster. */
export const encodeMonoPng = (r: MonoRaster): Uint8Array => {
  const stride = rowBytes(r.width);
  const raw = new Uint8Array((stride + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    raw[y * (stride + 1)] = 0;
    for (let i = 0; i < stride; i++) raw[y * (stride + 1) + 1 + i] = ~(r.bits[y * stride + i] ?? 0) & 0xff;
  }
  const ihdr = Uint8Array.from([...u32(r.width), ...u32(r.height), 1, 0, 0, 0, 0]);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export const toBase64 = (bytes: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '');
    out += i + 1 < bytes.length ? (B64[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (B64[n & 63] ?? '') : '=';
  }
  return out;
};

export const fromBase64 = (text: string): Uint8Array => {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let at = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].reduce((acc, k) => (acc << 6) | Math.max(0, B64.indexOf(clean[i + k] ?? 'A')), 0);
    if (at < out.length) out[at++] = (n >> 16) & 255;
    if (at < out.length) out[at++] = (n >> 8) & 255;
    if (at < out.length) out[at++] = n & 255;
  }
  return out;
};

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export const pngSize = (png: Uint8Array): { width: number; height: number } | null => {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) return null;
  const read = (at: number): number => (((png[at] ?? 0) << 24) | ((png[at + 1] ?? 0) << 16) | ((png[at + 2] ?? 0) << 8) | (png[at + 3] ?? 0)) >>> 0;
  return { width: read(16), height: read(20) };
};
