import type { PrintedReceipt } from '../escpos/page';

/**
 * A printed receipt as plain text: one line per printed text line, characters at the column
 * their dot position gives (12 dots per column), images and QR codes as bracketed notes.
 * This file is the authoritative record of what the virtual printer received.
 */
export const receiptText = (receipt: PrintedReceipt): string => {
  const out: string[] = [];
  for (const block of receipt.blocks) {
    if (block.kind === 'image') {
      out.push(block.qr !== null ? `[QR ${block.qr}]` : `[image ${block.raster.width}x${block.raster.height}]`);
      continue;
    }
    let line = '';
    let column = 0;
    let end = -1;
    for (const glyph of [...block.glyphs].sort((a, b) => a.x - b.x)) {
      // Glyphs that follow each other (scaled text) are written together; a gap becomes spaces.
      const target = glyph.x === end ? column : Math.round(glyph.x / 12);
      if (target > column) {
        line += ' '.repeat(target - column);
        column = target;
      }
      line += glyph.char;
      column += glyph.wide ? 2 : 1;
      end = glyph.x + glyph.width;
    }
    out.push(line.replace(/\s+$/, ''));
  }
  if (receipt.drawerPulses > 0) out.push(`[drawer pulse x${receipt.drawerPulses}]`);
  if (receipt.cut) out.push('[cut]');
  return `${out.join('\n')}\n`;
};

/** Lines of text only (no notes, no blank lines, runs of spaces collapsed): for comparing with the preview. */
export const visibleTextLines = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => !/^\[(QR|image|cut|drawer)/.test(l))
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l.length > 0);
