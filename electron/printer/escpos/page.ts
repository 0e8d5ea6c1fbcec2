import type { MonoRaster } from '../../../shared/domain/receipt';

/** What the virtual printer "printed": positioned glyphs and images on a roll `width` dots wide. */
export interface GlyphStyle {
  widthScale: number;
  heightScale: number;
  bold: boolean;
  underline: boolean;
  invert: boolean;
  fontB: boolean;
}

export interface Glyph {
  char: string;
  /** Left edge in dots from the paper's left edge. */
  x: number;
  /** Cell width in dots (scaled). */
  width: number;
  /** Double-byte (CJK) character: 24 dots unscaled. */
  wide: boolean;
  style: GlyphStyle;
}

export interface TextLine {
  kind: 'text';
  y: number;
  /** Tallest glyph in dots. */
  height: number;
  glyphs: Glyph[];
}

export interface ImageBlock {
  kind: 'image';
  x: number;
  y: number;
  raster: MonoRaster;
  /** For a QR code printed with GS ( k: the stored data. */
  qr: string | null;
  /** The command that printed it. */
  source: 'GS v 0' | 'GS ( L' | 'GS ( k';
}

export type Block = TextLine | ImageBlock;

export interface PrintedReceipt {
  /** Paper width in dots. */
  width: number;
  height: number;
  blocks: Block[];
  /** Ended with a paper cut (GS V). */
  cut: boolean;
  drawerPulses: number;
  /** Commands the parser did not know, as hex, in order (diagnostics; should be empty). */
  unknown: string[];
  byteCount: number;
}

export const isText = (b: Block): b is TextLine => b.kind === 'text';
export const isImage = (b: Block): b is ImageBlock => b.kind === 'image';
