import iconv from 'iconv-lite';
import { qrcode } from 'receiptline';
import { createRaster, setPixel } from '../../../shared/domain/receipt';
import type { MonoRaster } from '../../../shared/domain/receipt';
import type { Block, Glyph, GlyphStyle, PrintedReceipt } from './page';
import { escCommand, fsCommand, gsCommand } from './escpos-commands';
import { CODE_PAGES, defaultStyle, FONT_A, FONT_B, rasterFrom, SKIP } from './escpos-tables';

/**
 * An ESC/POS interpreter for the bytes the console sends (receiptline's "generic" set plus
 * our `GS ( k` QR) and the common commands other software sends. Byte layouts follow the Epson
 * ESC/POS Command Reference. It consumes whole commands only, so a command split across TCP
 * chunks waits for the rest. Layout is dot-exact where it matters (positions, images, QR);
 * text is kept as characters with their cell positions.
 */
export interface ParserHooks {
  /** DLE EOT n (real-time status request). */
  realtimeStatus?(n: number): void;
  /** GS r n (transmit status, answered after everything before it is processed). */
  transmitStatus?(n: number): void;
  /** A receipt ended with a cut. */
  receipt?(receipt: PrintedReceipt): void;
}

interface State {
  style: GlyphStyle;
  kanji: boolean;
  codePage: number;
  align: number;
  leftMargin: number;
  areaWidth: number;
  rightSpacing: number;
  kanjiSpacing: number;
  /** Line spacing in dots (ESC 2 default 30, ESC 3 n). */
  lineSpacing: number;
  qr: { size: number; level: 'l' | 'm' | 'q' | 'h'; data: Uint8Array };
  stored: MonoRaster | null;
}

/** Fields and helpers without `private` are shared with escpos-commands.ts (the ESC/GS/FS handlers), nothing else. */
export class EscposParser {
  private buf: Uint8Array = new Uint8Array(0);
  st: State;
  blocks: Block[] = [];
  private line: Glyph[] = [];
  x = 0;
  y = 0;
  drawer = 0;
  private unknown: string[] = [];
  private bytes = 0;

  constructor(
    readonly dots: number,
    readonly hooks: ParserHooks = {},
  ) {
    this.st = this.initialState();
  }

  initialState(): State {
    return {
      style: defaultStyle(),
      kanji: false,
      codePage: 0,
      align: 0,
      leftMargin: 0,
      areaWidth: this.dots,
      rightSpacing: 0,
      kanjiSpacing: 0,
      lineSpacing: 30,
      qr: { size: 3, level: 'l', data: new Uint8Array(0) },
      stored: null,
    };
  }

  /** Bytes fed so far in the receipt being printed. */
  get pendingBytes(): number {
    return this.bytes;
  }

  feed(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    let at = 0;
    while (at < joined.length) {
      const step = this.step(joined, at);
      // 0: the command is incomplete, wait for more bytes. Anything else must move forward, by at
      // most what is there: a decoder bug must never make the loop stand still or go back.
      if (step === 0) break;
      const used = Number.isSafeInteger(step) && step > 0 ? Math.min(step, joined.length - at) : 1;
      this.bytes += used;
      at += used;
    }
    this.buf = joined.slice(at);
  }

  /** The receipt in progress (no cut yet), or null when nothing was printed. */
  end(): PrintedReceipt | null {
    this.flushLine(false);
    if (this.blocks.length === 0 && this.drawer === 0) return null;
    return this.finish(false);
  }

  finish(cut: boolean): PrintedReceipt {
    const receipt: PrintedReceipt = { width: this.dots, height: this.y, blocks: this.blocks, cut, drawerPulses: this.drawer, unknown: this.unknown, byteCount: this.bytes };
    this.blocks = [];
    this.unknown = [];
    this.drawer = 0;
    this.y = 0;
    this.bytes = 0;
    return receipt;
  }

  // ---- text ----

  private glyphCell(wide: boolean): { w: number; h: number } {
    const s = this.st.style;
    const font = s.fontB ? FONT_B : FONT_A;
    const w = wide ? (font.w * 2 + this.st.kanjiSpacing) * s.widthScale : (font.w + this.st.rightSpacing) * s.widthScale;
    return { w, h: font.h * s.heightScale };
  }

  private put(char: string, wide: boolean): void {
    const cell = this.glyphCell(wide);
    if (this.x + cell.w > this.st.areaWidth && this.x > 0) this.flushLine(true);
    this.line.push({ char, x: this.st.leftMargin + this.x, width: cell.w, wide, style: { ...this.st.style } });
    this.x += cell.w;
  }

  flushLine(feed: boolean): void {
    if (this.line.length === 0) {
      if (feed) this.y += Math.max(this.st.lineSpacing, FONT_A.h);
      this.x = 0;
      return;
    }
    const height = Math.max(...this.line.map((g) => (g.style.fontB ? FONT_B.h : FONT_A.h) * g.style.heightScale));
    if (this.st.align !== 0) {
      const end = Math.max(...this.line.map((g) => g.x + g.width)) - this.st.leftMargin;
      const shift = Math.floor(((this.st.areaWidth - end) * this.st.align) / 2);
      if (shift > 0) for (const g of this.line) g.x += shift;
    }
    this.blocks.push({ kind: 'text', y: this.y, height, glyphs: this.line });
    this.line = [];
    this.x = 0;
    this.y += Math.max(this.st.lineSpacing, height);
  }

  private decodeSingle(byte: number): string {
    if (byte < 0x80) return String.fromCharCode(byte);
    const page = CODE_PAGES[this.st.codePage] ?? 'cp437';
    return iconv.decode(Buffer.of(byte), page);
  }

  /** Text bytes: returns bytes used, 0 when a multi-byte character is incomplete. */
  text(b: Uint8Array, at: number): number {
    const c = b[at] ?? 0;
    if (!this.st.kanji || c < 0x81 || c === 0xff) {
      this.put(this.decodeSingle(c), false);
      return 1;
    }
    const c2 = b[at + 1];
    if (c2 === undefined) return 0;
    if (c2 >= 0x30 && c2 <= 0x39) {
      if (at + 3 >= b.length) return 0;
      this.put(iconv.decode(Buffer.from(b.subarray(at, at + 4)), 'gb18030'), true);
      return 4;
    }
    this.put(iconv.decode(Buffer.from(b.subarray(at, at + 2)), 'gb18030'), true);
    return 2;
  }

  // ---- images ----

  placeImage(raster: MonoRaster, qr: string | null, source: 'GS v 0' | 'GS ( L' | 'GS ( k'): void {
    this.flushLine(false);
    const free = Math.max(0, this.st.areaWidth - raster.width);
    const x = this.st.leftMargin + Math.floor((free * this.st.align) / 2);
    this.blocks.push({ kind: 'image', x, y: this.y, raster, qr, source });
    this.y += raster.height;
  }

  private printQr(): void {
    const data = new TextDecoder().decode(this.st.qr.data);
    if (data.length === 0) return;
    const matrix = qrcode.generate({ data, type: 'qrcode', cell: this.st.qr.size, level: this.st.qr.level });
    const cell = this.st.qr.size;
    const r = createRaster(matrix.length * cell, matrix.length * cell);
    matrix.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark !== 1) return;
        for (let dy = 0; dy < cell; dy++) for (let dx = 0; dx < cell; dx++) setPixel(r, x * cell + dx, y * cell + dy);
      }),
    );
    this.placeImage(r, data, 'GS ( k');
  }

  /** GS ( k, cn = 49 (QR Code). */
  qrFunction(fn: number, params: Uint8Array): void {
    const levels = { 48: 'l', 49: 'm', 50: 'q', 51: 'h' } as const;
    if (fn === 67) this.st.qr.size = Math.max(1, Math.min(16, params[0] ?? 3));
    else if (fn === 69) this.st.qr.level = levels[(params[0] ?? 48) as 48 | 49 | 50 | 51] ?? 'l';
    else if (fn === 80) this.st.qr.data = params.slice(1);
    else if (fn === 81) this.printQr();
  }

  /** GS ( L / GS 8 L: store raster graphics (fn 112) and print them (fn 50). */
  graphics(fn: number, body: Uint8Array): void {
    if (fn === 112 && body.length >= 10) {
      const bx = body[3] ?? 1;
      const by = body[4] ?? 1;
      const width = (body[6] ?? 0) | ((body[7] ?? 0) << 8);
      const height = (body[8] ?? 0) | ((body[9] ?? 0) << 8);
      this.st.stored = rasterFrom(body, 10, (width + 7) >> 3, height, bx, by);
    } else if (fn === 50 && this.st.stored) {
      this.placeImage(this.st.stored, null, 'GS ( L');
      this.st.stored = null;
    }
  }

  // ---- the command table ----

  /** Interprets one command or character at `at`; returns the bytes used, 0 if incomplete. */
  private step(b: Uint8Array, at: number): number {
    const c = b[at] ?? 0;
    const need = (n: number): boolean => at + n <= b.length;
    const arg = (i: number): number => b[at + i] ?? 0;
    switch (c) {
      case 0x0a:
        this.flushLine(true);
        return 1;
      case 0x0d:
      case 0x09:
      case 0x0c:
      case 0x18:
        return 1;
      case 0x10: {
        if (!need(3)) return 0;
        if (arg(1) === 0x04) {
          this.hooks.realtimeStatus?.(arg(2));
          return 3;
        }
        if (arg(1) === 0x14) return need(5) ? 5 : 0;
        const skip = SKIP[`10:${arg(1).toString(16).padStart(2, '0')}`];
        if (skip !== undefined) return 2 + skip;
        return this.unknownCommand(b, at, 2);
      }
      case 0x1b:
        return escCommand(this, b, at, need, arg);
      case 0x1d:
        return gsCommand(this, b, at, need, arg);
      case 0x1c:
        return fsCommand(this, b, at, need, arg);
      default:
        if (c < 0x20) return 1;
        return this.text(b, at);
    }
  }

  unknownCommand(b: Uint8Array, at: number, length: number): number {
    this.unknown.push(Buffer.from(b.subarray(at, at + length)).toString('hex'));
    return length;
  }

}

/** Parses a complete byte stream: every receipt it prints (the last one may have no cut). */
export const parseEscpos = (bytes: Uint8Array, dots: number): { receipts: PrintedReceipt[]; statusQueries: number[]; transmitQueries: number[] } => {
  const receipts: PrintedReceipt[] = [];
  const statusQueries: number[] = [];
  const transmitQueries: number[] = [];
  const parser = new EscposParser(dots, {
    receipt: (r) => receipts.push(r),
    realtimeStatus: (n) => statusQueries.push(n),
    transmitStatus: (n) => transmitQueries.push(n),
  });
  parser.feed(bytes);
  const last = parser.end();
  if (last) receipts.push(last);
  return { receipts, statusQueries, transmitQueries };
};
