import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import PDFDocument from 'pdfkit';
import { findCardData } from '../../shared/domain/card/pan-scan';
import type { ReportFont } from './report-font';
import { CardDataFound } from './zip-sink';

/**
 * The pdfkit side of a report: an A4 document streamed to a file, one embedded font, and the
 * one way text reaches a page (scanned for card data first). ReportPdf writes the content.
 */
export const MARGIN = 48;
const BODY = 9;

export class ReportCanvas {
  protected readonly doc: PDFKit.PDFDocument;
  private readonly out: WriteStream;
  private readonly done: Promise<void>;

  constructor(
    readonly path: string,
    font: ReportFont,
    info: { title: string; creator: string; createdAt: number; lang: string },
    private readonly allow: readonly string[],
    private readonly fileName: string,
  ) {
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: true, info: { Title: info.title, Creator: info.creator, CreationDate: new Date(info.createdAt) }, lang: info.lang });
    this.out = createWriteStream(path, { mode: 0o600 });
    this.done = new Promise((resolve, reject) => {
      this.out.on('finish', resolve);
      this.out.on('error', reject);
      this.doc.on('error', reject);
    });
    this.done.catch(() => undefined);
    this.doc.pipe(this.out);
    // pdfkit takes a parsed fontkit font as well as bytes (PDFFontFactory.open); its types only list bytes.
    this.doc.registerFont('body', font as unknown as Buffer);
    this.doc.font('body');
  }

  /** The one way text reaches the PDF: scanned for card data first. */
  protected text(s: string, opts: PDFKit.Mixins.TextOptions & { size?: number } = {}): void {
    const hit = findCardData(s, { allow: this.allow })[0];
    if (hit) throw new CardDataFound(this.fileName, hit);
    const { size, ...rest } = opts;
    this.doc.fontSize(size ?? BODY);
    if (Object.keys(rest).length === 0 && this.fitsOneLine(s)) return this.oneLine(s);
    this.doc.text(s, rest);
  }

  /**
   * Most report lines (a label and an id, a time, an amount) fit on one line. pdfkit's line
   * wrapper lays out every word of a line to measure it, then the whole line again to draw it,
   * and ids and times are all distinct words: about half the report's time. A line that fits
   * is measured once as a whole and drawn without the wrapper, at the same place the wrapper
   * would draw it (a new page first when it would cross the bottom margin).
   */
  private fitsOneLine(s: string): boolean {
    const { doc } = this;
    return !s.includes('\n') && doc.x === doc.page.margins.left && doc.widthOfString(s) <= doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private oneLine(s: string): void {
    const { doc } = this;
    const lineHeight = doc.currentLineHeight(true);
    if (doc.y + lineHeight > doc.page.maxY()) doc.addPage();
    const x = doc.x;
    doc.text(s, { lineBreak: false });
    doc.x = x;
    doc.y += lineHeight;
  }

  protected heading(s: string, size = 12): void {
    this.ensure(size * 3);
    this.doc.moveDown(0.6);
    this.text(s, { size });
    this.doc.moveDown(0.2);
  }

  protected field(label: string, value: string): void {
    this.text(`${label}: ${value}`);
  }

  /** Starts a new page when less than `height` points are left. */
  protected ensure(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  /**
   * pdfkit caches the layout of every distinct word it draws, without bound (ids and times are
   * all distinct): a long report trims the cache every few sales so memory stays bounded. The
   * cache is pdfkit's own (EmbeddedFont.layoutCache, 0.20); without it layout is twice as slow.
   * The words cached before the first trim (labels, the Chinese characters, the words every sale
   * repeats) are kept: dropping them too made each trim re-lay-out the common words.
   */
  private keptLayouts: Record<string, unknown> | null = null;

  protected trimLayoutCache(): void {
    const font = (this.doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
    if (!font?.layoutCache) return;
    this.keptLayouts ??= { ...font.layoutCache };
    font.layoutCache = Object.assign(Object.create(null) as Record<string, unknown>, this.keptLayouts);
  }

  /** Waits while the file stream is behind, so a long report never piles up in memory. */
  async drained(): Promise<void> {
    if (this.out.writableNeedDrain) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }

  protected async end(): Promise<void> {
    this.doc.end();
    await this.done;
  }

  abort(): void {
    this.doc.unpipe(this.out);
    this.out.destroy();
  }
}
