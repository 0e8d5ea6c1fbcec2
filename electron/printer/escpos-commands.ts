import { commands } from 'receiptline';
import type { BaseCommand, QRCode } from 'receiptline';

/**
 * The ESC/POS command set we give receiptline: its "generic" thermal set (raster images with
 * `GS v 0`, which every ESC/POS printer we know prints, unlike `GS 8 L`/`GS ( L`) with four
 * changes, each for a defect found in receiptline 4.0.4:
 *
 * 1. QR codes: receiptline draws them as a raster image although its comment says `GS ( k`.
 *    We emit Epson's native 2D-code function `GS ( k` (cn 49: fn 65 model, 67 module size,
 *    69 error level, 80 store, 81 print) — Epson ESC/POS Command Reference, "GS ( k <Function 165..181>".
 * 2. Horizontal rules: receiptline prints them from code page 1 (`ESC t 1`, 0x95) with the
 *    Japanese `FS C`; on Chinese-market printers page 1 is not Katakana, so they print garbage.
 *    We print ASCII hyphens.
 * 3. End of job: receiptline appends `GS r 1` (transmit paper status) to every document; the
 *    transport sends its own end-of-job query, so a stray status byte never reaches the next
 *    exchange. The drawer pulse and the cut (`ESC p 0 25 250`: pin 2, 50 ms on, 500 ms off)
 *    follow the printer profile.
 * 4. A `=` paper-cut line plus the default `cutting` option cut twice; our documents never use
 *    `=`, and `close` cuts once.
 */
const ESC = '\x1b';
const GS = '\x1d';
const FS = '\x1c';

const bytesToBinary = (bytes: Uint8Array): string => {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
};

const QR_LEVEL: Record<QRCode['level'], number> = { l: 48, m: 49, q: 50, h: 51 };

/** `GS ( k` store-and-print of a QR code (model 2), as Epson's reference lays out the functions. */
export const qrCommand = (data: string, cell: number, level: QRCode['level']): string => {
  const bytes = new TextEncoder().encode(data);
  const k = bytes.length + 3;
  const size = Math.max(1, Math.min(16, cell));
  return (
    `${GS}(k\x04\x00\x31\x41\x32\x00` +
    `${GS}(k\x03\x00\x31\x43${String.fromCharCode(size)}` +
    `${GS}(k\x03\x00\x31\x45${String.fromCharCode(QR_LEVEL[level])}` +
    `${GS}(k${String.fromCharCode(k & 0xff, (k >> 8) & 0xff)}\x31\x50\x30${bytesToBinary(bytes)}` +
    `${GS}(k\x03\x00\x31\x51\x30`
  );
};

export interface EscposProfile {
  cut: boolean;
  drawerPulse: boolean;
}

export const DRAWER_PULSE = `${ESC}p\x00\x19\xfa`;
export const PARTIAL_CUT_AFTER_FEED = `${GS}VB\x00`;

export const countersignEscpos = (profile: EscposProfile): BaseCommand => {
  const base = commands.generic;
  return {
    ...base,
    qrcode(symbol: QRCode): string {
      return symbol.data.length > 0 ? qrCommand(symbol.data, symbol.cell, symbol.level) : '';
    },
    hr: (width: number): string => `${FS}.${ESC}t\x00${'-'.repeat(width)}`,
    close: (): string => (profile.drawerPulse ? DRAWER_PULSE : '') + (profile.cut ? PARTIAL_CUT_AFTER_FEED : ''),
  };
};
