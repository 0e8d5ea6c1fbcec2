import { rasterFrom, SKIP } from './escpos-tables';
import type { EscposParser } from './escpos-parser';

/**
 * The largest command body the printer accepts (an 80 mm raster of several thousand lines is a few
 * hundred KB). A longer declared length is refused as an unknown command and skipped, rather than
 * waited for: otherwise a few bytes claiming gigabytes would hold the port's buffer for ever.
 */
export const MAX_COMMAND_BYTES = 4 * 1024 * 1024;

/** ESC, GS and FS commands (Epson ESC/POS Command Reference). Each returns the bytes used, 0 if incomplete. */
export const escCommand = (p: EscposParser, b: Uint8Array, at: number, need: (n: number) => boolean, arg: (i: number) => number): number => {
  if (!need(2)) return 0;
  const s = p.st.style;
  switch (arg(1)) {
    case 0x40: // ESC @
      p.flushLine(false);
      p.st = p.initialState();
      return 2;
    case 0x32: // ESC 2
      p.st.lineSpacing = 30;
      return 2;
    case 0x33: // ESC 3 n
      if (!need(3)) return 0;
      p.st.lineSpacing = arg(2);
      return 3;
    case 0x21: // ESC ! n
      if (!need(3)) return 0;
      s.fontB = (arg(2) & 1) !== 0;
      s.bold = (arg(2) & 8) !== 0;
      s.heightScale = arg(2) & 16 ? 2 : 1;
      s.widthScale = arg(2) & 32 ? 2 : 1;
      s.underline = (arg(2) & 128) !== 0;
      return 3;
    case 0x45: // ESC E n
    case 0x47: // ESC G n
      if (!need(3)) return 0;
      s.bold = (arg(2) & 1) !== 0;
      return 3;
    case 0x2d: // ESC - n
      if (!need(3)) return 0;
      s.underline = arg(2) === 1 || arg(2) === 2 || arg(2) === 0x31 || arg(2) === 0x32;
      return 3;
    case 0x4d: // ESC M n
      if (!need(3)) return 0;
      s.fontB = arg(2) === 1 || arg(2) === 0x31;
      return 3;
    case 0x20: // ESC SP n
      if (!need(3)) return 0;
      p.st.rightSpacing = arg(2);
      return 3;
    case 0x61: // ESC a n
      if (!need(3)) return 0;
      p.st.align = arg(2) % 48 <= 2 ? arg(2) % 48 : 0;
      return 3;
    case 0x74: // ESC t n
      if (!need(3)) return 0;
      p.st.codePage = arg(2);
      return 3;
    case 0x24: // ESC $ nL nH
      if (!need(4)) return 0;
      p.x = arg(2) | (arg(3) << 8);
      return 4;
    case 0x5c: {
      // ESC \ nL nH (signed)
      if (!need(4)) return 0;
      const d = arg(2) | (arg(3) << 8);
      p.x = Math.max(0, p.x + (d > 32767 ? d - 65536 : d));
      return 4;
    }
    case 0x64: // ESC d n
      if (!need(3)) return 0;
      p.flushLine(true);
      p.y += Math.max(0, arg(2) - 1) * p.st.lineSpacing;
      return 3;
    case 0x4a: // ESC J n
      if (!need(3)) return 0;
      p.flushLine(false);
      p.y += arg(2);
      return 3;
    case 0x70: // ESC p m t1 t2
      if (!need(5)) return 0;
      p.drawer++;
      return 5;
    default: {
      const skip = SKIP[`1b:${arg(1).toString(16).padStart(2, '0')}`];
      if (skip !== undefined) return need(2 + skip) ? 2 + skip : 0;
      return p.unknownCommand(b, at, 2);
    }
  }
};

export const gsCommand = (p: EscposParser, b: Uint8Array, at: number, need: (n: number) => boolean, arg: (i: number) => number): number => {
  if (!need(2)) return 0;
  const s = p.st.style;
  switch (arg(1)) {
    case 0x21: // GS ! n
      if (!need(3)) return 0;
      s.widthScale = ((arg(2) >> 4) & 7) + 1;
      s.heightScale = (arg(2) & 7) + 1;
      return 3;
    case 0x42: // GS B n
      if (!need(3)) return 0;
      s.invert = (arg(2) & 1) !== 0;
      return 3;
    case 0x4c: // GS L nL nH
      if (!need(4)) return 0;
      p.st.leftMargin = arg(2) | (arg(3) << 8);
      return 4;
    case 0x57: // GS W nL nH
      if (!need(4)) return 0;
      p.st.areaWidth = Math.min(p.dots - p.st.leftMargin, arg(2) | (arg(3) << 8));
      return 4;
    case 0x72: // GS r n
      if (!need(3)) return 0;
      p.hooks.transmitStatus?.(arg(2));
      return 3;
    case 0x56: {
      // GS V m [n]
      if (!need(3)) return 0;
      const m = arg(2);
      const length = m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4;
      if (!need(length)) return 0;
      p.flushLine(false);
      if (length === 4) p.y += arg(3);
      const receipt = p.finish(true);
      p.hooks.receipt?.(receipt);
      return length;
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d1...dk
      if (!need(8)) return 0;
      const stride = arg(4) | (arg(5) << 8);
      const height = arg(6) | (arg(7) << 8);
      if (stride * height > MAX_COMMAND_BYTES) return p.unknownCommand(b, at, 8);
      if (!need(8 + stride * height)) return 0;
      const m = arg(3) % 48;
      p.placeImage(rasterFrom(b, at + 8, stride, height, m & 1 ? 2 : 1, m & 2 ? 2 : 1), null, 'GS v 0');
      return 8 + stride * height;
    }
    case 0x28: {
      // GS ( X pL pH ...
      if (!need(5)) return 0;
      const length = arg(3) | (arg(4) << 8);
      if (!need(5 + length)) return 0;
      const body = b.subarray(at + 5, at + 5 + length);
      if (arg(2) === 0x6b && body[0] === 49) p.qrFunction(body[1] ?? 0, body.subarray(2));
      else if (arg(2) === 0x4c) p.graphics(body[1] ?? 0, body);
      return 5 + length;
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 m fn ... The length is 32 bits: read unsigned (`<< 24` alone makes it
      // negative, which once sent the parser backwards for ever) and refused past the cap.
      if (!need(7)) return 0;
      const length = (arg(3) | (arg(4) << 8) | (arg(5) << 16) | (arg(6) << 24)) >>> 0;
      if (length > MAX_COMMAND_BYTES) return p.unknownCommand(b, at, 7);
      if (!need(7 + length)) return 0;
      if (arg(2) === 0x4c) p.graphics(arg(8), b.subarray(at + 7, at + 7 + length));
      return 7 + length;
    }
    case 0x6b: {
      // GS k m ... (barcodes are not drawn; their data is skipped)
      if (!need(4)) return 0;
      const m = arg(2);
      if (m <= 6) {
        const end = b.indexOf(0, at + 3);
        return end < 0 ? 0 : end - at + 1;
      }
      return need(4 + arg(3)) ? 4 + arg(3) : 0;
    }
    default: {
      const skip = SKIP[`1d:${arg(1).toString(16).padStart(2, '0')}`];
      if (skip !== undefined) return need(2 + skip) ? 2 + skip : 0;
      return p.unknownCommand(b, at, 2);
    }
  }
};

export const fsCommand = (p: EscposParser, b: Uint8Array, at: number, need: (n: number) => boolean, arg: (i: number) => number): number => {
  if (!need(2)) return 0;
  switch (arg(1)) {
    case 0x26: // FS & Kanji (GB18030) mode on
      p.st.kanji = true;
      return 2;
    case 0x2e: // FS . Kanji mode off
      p.st.kanji = false;
      return 2;
    case 0x2d: // FS - n
      if (!need(3)) return 0;
      p.st.style.underline = arg(2) === 1 || arg(2) === 2 || arg(2) === 0x31 || arg(2) === 0x32;
      return 3;
    case 0x53: // FS S n1 n2
      if (!need(4)) return 0;
      p.st.kanjiSpacing = arg(2) + arg(3);
      return 4;
    case 0x28: {
      // FS ( X pL pH ...
      if (!need(5)) return 0;
      const length = arg(3) | (arg(4) << 8);
      return need(5 + length) ? 5 + length : 0;
    }
    default: {
      const skip = SKIP[`1c:${arg(1).toString(16).padStart(2, '0')}`];
      if (skip !== undefined) return need(2 + skip) ? 2 + skip : 0;
      return p.unknownCommand(b, at, 2);
    }
  }
};
