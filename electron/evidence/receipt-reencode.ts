import type { z } from 'zod';
import type { MonoRaster } from '../../shared/domain/receipt';
import type { PrinterSettings } from '../../shared/domain/settings';
import type { ReceiptWire as ReceiptWireSchema } from '../../shared/ipc/commands/evidence';
import { EncodeError, encodeReceipt } from '../printer/encode-receipt';
import type { EncodedReceipt, PrinterProfile } from '../printer/encode-receipt';
import { parseEscpos } from '../printer/escpos/escpos-parser';
import { renderReceiptBitmap } from '../printer/escpos/render-bitmap';
import { monoToPng } from '../printer/virtual/render-png';
import { EvidenceExportError } from './bundle-writer';

/**
 * A receipt of the bundle from what the print journal keeps (the markup and the SHA-256 of
 * the bytes sent): main encodes the markup again with the printer's settings and keeps the
 * bytes as "exactly what was printed" only when their SHA-256 is the journal's.
 *
 * Settings change (another printer, 58 mm paper, raster Chinese), so when the configured
 * profile does not give the printed digest, the other paper widths, dot counts, Chinese modes,
 * cut and drawer choices are tried; a profile that matched once is tried first for the next
 * receipt. When none matches (the encoder itself changed since, or a raster print drawn with
 * another machine's font), the bytes of the configured profile are still included, and the
 * receipt's outcome says so in the sale file and the report, with the digest that was printed:
 * `…; re-encoded, not byte-identical (printed SHA-256 <hex>)`. A job that never sent bytes says
 * `…; never sent, encoded from its markup`. The bundle never claims bytes it cannot prove.
 */
type ReceiptWire = z.infer<typeof ReceiptWireSchema>;

export type PrinterConfig = Pick<z.infer<typeof PrinterSettings>, 'paperWidth' | 'dotsPerLine' | 'chinese' | 'cut' | 'drawerPulse'>;

export interface ReEncoded {
  escpos: Uint8Array;
  png: Uint8Array;
  outcome: string;
  identical: boolean;
}

/** After this many receipts with no profile matching, only the configured one is tried (each raster try draws the whole slip). */
const GIVE_UP_AFTER = 3;

const LINES: ReadonlyArray<readonly [58 | 80, number]> = [
  [80, 576],
  [80, 512],
  [58, 384],
];

const key = (p: PrinterProfile): string => `${p.paperWidth}/${p.dotsPerLine}/${p.chinese}/${p.cut ? 1 : 0}/${p.drawerPulse ? 1 : 0}`;

/** Every profile worth a try, configured first, then cheap native ones, then raster ones. */
export const candidateProfiles = (config: PrinterConfig, copy: ReceiptWire['copy']): PrinterProfile[] => {
  const drawer = config.drawerPulse && copy === 'merchant';
  const configured: PrinterProfile = { paperWidth: config.paperWidth, dotsPerLine: config.dotsPerLine, chinese: config.chinese, cut: config.cut, drawerPulse: drawer };
  const lines = [[config.paperWidth, config.dotsPerLine] as const, ...LINES];
  const out = new Map<string, PrinterProfile>([[key(configured), configured]]);
  for (const chinese of ['native', 'raster'] as const) {
    for (const [paperWidth, dotsPerLine] of lines) {
      // Raster tries draw the whole slip: only with the configured cut and drawer choices.
      const cuts = chinese === 'native' ? [config.cut, !config.cut] : [config.cut];
      const drawers = chinese === 'native' ? [drawer, !drawer] : [drawer];
      for (const cut of cuts) for (const drawerPulse of drawers) out.set(key({ paperWidth, dotsPerLine, chinese, cut, drawerPulse }), { paperWidth, dotsPerLine, chinese, cut, drawerPulse });
    }
  }
  return [...out.values()];
};

const stack = (pages: MonoRaster[]): MonoRaster => {
  if (pages.length === 1 && pages[0]) return pages[0];
  const width = pages[0]?.width ?? 0;
  const same = pages.filter((p) => p.width === width);
  const bits = new Uint8Array(same.reduce((n, p) => n + p.bits.length, 0));
  let at = 0;
  for (const p of same) {
    bits.set(p.bits, at);
    at += p.bits.length;
  }
  return { width, height: same.reduce((n, p) => n + p.height, 0), bits };
};

/** The picture of ESC/POS bytes as the virtual printer draws them (1-bit PNG, one pixel per dot). */
export const receiptPicture = (bytes: Uint8Array, dotsPerLine: number): Uint8Array => {
  const pages = parseEscpos(bytes, dotsPerLine).receipts.map(renderReceiptBitmap);
  if (pages.length === 0) throw new EvidenceExportError('invalid-input', 'a receipt printed nothing');
  return new Uint8Array(monoToPng(stack(pages)));
};

const tryEncode = (markup: string, profile: PrinterProfile): EncodedReceipt | null => {
  try {
    return encodeReceipt(markup, profile);
  } catch (error) {
    // A profile too narrow for the slip's layout is simply not the one it was printed with.
    if (error instanceof EncodeError) return null;
    throw error;
  }
};

export class ReceiptReEncoder {
  private matched: PrinterProfile | null = null;
  private misses = 0;

  constructor(private readonly config: PrinterConfig) {}

  reEncode(receipt: ReceiptWire): ReEncoded {
    const candidates = candidateProfiles(this.config, receipt.copy);
    const configured = candidates[0] as PrinterProfile;
    const first = tryEncode(receipt.markup, configured);
    const done = (encoded: EncodedReceipt, profile: PrinterProfile, outcome: string, identical: boolean): ReEncoded => ({ escpos: encoded.bytes, png: receiptPicture(encoded.bytes, profile.dotsPerLine), outcome, identical });
    if (receipt.bytesSha256 === null) {
      const any = first ? { encoded: first, profile: configured } : this.firstEncodable(receipt.markup, candidates);
      return done(any.encoded, any.profile, `${receipt.outcome}; never sent, encoded from its markup`, false);
    }
    if (first && first.sha256 === receipt.bytesSha256) return done(first, configured, receipt.outcome, true);
    const order = this.matched ? [this.matched, ...candidates.slice(1).filter((c) => key(c) !== key(this.matched as PrinterProfile))] : candidates.slice(1);
    if (this.misses < GIVE_UP_AFTER) {
      for (const profile of order) {
        const encoded = tryEncode(receipt.markup, profile);
        if (encoded && encoded.sha256 === receipt.bytesSha256) {
          this.matched = profile;
          return done(encoded, profile, receipt.outcome, true);
        }
      }
      this.misses += 1;
    }
    const kept = first ? { encoded: first, profile: configured } : this.firstEncodable(receipt.markup, candidates);
    return done(kept.encoded, kept.profile, `${receipt.outcome}; re-encoded, not byte-identical (printed SHA-256 ${receipt.bytesSha256})`, false);
  }

  private firstEncodable(markup: string, candidates: PrinterProfile[]): { encoded: EncodedReceipt; profile: PrinterProfile } {
    for (const profile of candidates) {
      const encoded = tryEncode(markup, profile);
      if (encoded) return { encoded, profile };
    }
    throw new EvidenceExportError('invalid-input', 'a receipt’s markup could not be encoded for any paper width');
  }
}
