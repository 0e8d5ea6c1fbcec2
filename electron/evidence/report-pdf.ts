import type { ChainEntry } from '../../shared/domain/audit-chain';
import type { EvidenceHeader } from '../../shared/domain/evidence/source';
import { plainText } from '../../shared/domain/evidence/plain-text';
import type { HostFile, SaleFile, SignatureFile } from '../../shared/domain/evidence/layout';
import { formatRmb } from '../../shared/domain/money';
import { explainResponse } from '../../shared/domain/response-codes';
import { formatReceiptTime } from '../../shared/domain/receipt/receipt-time';
import type { SignatureCheckResult } from '../../shared/domain/sale/signature-check';
import { problemText, reportText, reportWord } from './report-strings';
import type { ReportKey, ReportLanguage } from './report-strings';
import type { ReportFont } from './report-font';
import { MARGIN, ReportCanvas } from './report-canvas';

/**
 * The report PDF (issue 14 §3), one per language, written page by page to a file as the sales
 * stream in (pdfkit flushes each page when the next begins). Text is drawn with one embedded,
 * subset font (Noto Sans SC, OFL, from the npm registry; never a system font), so Chinese and
 * Latin extract as text. Every string passes the card-data scan before pdfkit sees it, and shop
 * text is cleaned of control and invisible characters (RULES 20).
 */
export interface ReportSignatureView {
  file: SignatureFile;
  reason: string;
  approvedBy: string | null;
  png: Uint8Array | null;
  check: SignatureCheckResult | null;
}

export interface ReportSaleView {
  index: number;
  sale: SaleFile;
  host: HostFile | null;
  signatures: ReportSignatureView[];
  receipts: Array<{ copy: string; reprint: number; printedAt: number; outcome: string; png: Uint8Array; file: string }>;
  cases: Array<{ caseId: string; type: string; state: string; openedAt: number; notes: string }>;
  attachments: Array<{ name: string; mimeType: string; size: number; sha256: string; file: string }>;
  audit: ChainEntry[];
}

export interface ReportSummary {
  keyFingerprint: string;
  sales: number;
  checkpointSize: number;
}

const RECEIPT_WIDTH = 150;

export class ReportPdf extends ReportCanvas {
  constructor(
    readonly lang: ReportLanguage,
    path: string,
    font: ReportFont,
    private readonly header: EvidenceHeader,
    allow: readonly string[],
    fileName: string,
    /** The size of the checkpoint the audit excerpt is proved into (for the summaries). */
    private readonly checkpointSize: number,
    /**
     * Whether receipts are drawn as pictures. A report of many sales (a month's 调单) lists each
     * receipt's file instead: the pictures are in data/receipts/, and thousands of them would make
     * a report nobody reads and a bundle several times larger.
     */
    private readonly receiptPictures: boolean = true,
  ) {
    super(path, font, { title: reportText(lang, 'title'), creator: header.generator, createdAt: header.createdAt, lang }, allow, fileName);
    this.cover();
  }

  private t(key: ReportKey, vars?: Record<string, string | number>): string {
    return reportText(this.lang, key, vars);
  }

  protected time(ms: number | string | null): string {
    if (ms === null) return '—';
    return formatReceiptTime(typeof ms === 'string' ? Date.parse(ms) : ms, this.header.timeZone);
  }

  private cover(): void {
    const h = this.header;
    this.text(this.t('title'), { size: 18 });
    this.doc.moveDown(0.3);
    this.text(this.t('intro'));
    this.doc.moveDown(0.5);
    this.field(this.t('merchant'), plainText(h.merchant.name, { max: 120 }));
    if (h.merchant.address) this.field(this.t('address'), plainText(h.merchant.address, { max: 200 }));
    this.field(this.t('merchantId'), h.merchant.merchantId);
    this.field(this.t('terminalId'), h.merchant.terminalId);
    this.field(this.t('reference'), h.externalId);
    if (h.caseRef) this.field(this.t('case'), `${h.caseRef.caseId} (${reportWord(this.lang, h.caseRef.type)})`);
    this.field(this.t('madeAt'), this.time(h.createdAt));
    this.field(this.t('device'), h.deviceId);
    this.field(this.t('timeZone'), h.timeZone);
  }

  addSale(view: ReportSaleView): void {
    const s = view.sale;
    const w = (code: string): string => reportWord(this.lang, code);
    // A sale's facts read as one block: start it on a new page rather than leave its heading alone.
    this.ensure(260);
    this.heading(`${this.t('saleHeading', { n: view.index })} — ${formatRmb(s.amountFen)} — ${this.time(s.createdAt)}`, 13);
    this.field(this.t('saleId'), s.saleId);
    this.field(this.t('type'), w(s.kind));
    this.field(this.t('amount'), formatRmb(s.amountFen));
    this.field(this.t('state'), w(s.state));
    if (s.card) this.field(this.t('card'), `${s.card.maskedPan} ${s.card.brand}, ${w(s.card.entryMode)}${s.card.chip ? `, ${this.t('chip')}` : ''}`);
    this.field(this.t('authCode'), s.authCode ?? '—');
    this.field(this.t('rrn'), s.rrn ?? '—');
    this.field(this.t('stan'), s.stan ?? '—');
    this.field(this.t('batch'), s.batch ?? '—');
    this.field(this.t('operator'), plainText(s.operator.name, { max: 60 }));
    this.field(this.t('link'), `${w(s.link)}${s.channel ? `, ${w(s.channel)}` : ''}`);
    if (s.offlineQueuedAt) this.field(this.t('offlineQueuedAt'), this.time(s.offlineQueuedAt));
    if (s.forwardedAt) this.field(this.t('forwardedAt'), this.time(s.forwardedAt));
    if (s.reference) this.field(this.t('saleReference'), plainText(s.reference, { max: 120 }));
    if (s.note) this.field(this.t('note'), plainText(s.note, { max: 1000, multiline: true }));
    this.field(this.t('signatureState'), w(s.signatureState));
    this.hostSection(view.host);
    this.signatureSection(view.signatures);
    this.receiptSection(view.receipts);
    this.caseSection(view);
    this.auditSection(view.audit);
    if (view.index % 25 === 0) this.trimLayoutCache();
  }



  private hostSection(host: HostFile | null): void {
    this.heading(this.t('hostHeading'), 10.5);
    if (!host || host.exchanges.length === 0) return this.text(this.t('noHost'));
    for (const x of host.exchanges) {
      this.text(
        this.t('exchange', {
          purpose: reportWord(this.lang, x.purpose),
          request: x.requestMti,
          response: x.responseMti ?? this.t('noAnswer'),
          proc: x.processingCode ?? '—',
          amount: x.amountFen === null ? '—' : formatRmb(x.amountFen),
          stan: x.stan ?? '—',
          rrn: x.rrn ?? '—',
          auth: x.authCode ?? '—',
          sent: this.time(x.sentAt),
          answered: x.answeredAt ? this.time(x.answeredAt) : this.t('noAnswer'),
        }),
      );
      if (x.responseCode) {
        const info = explainResponse(x.responseCode);
        this.text(this.t('response', { code: x.responseCode, meaning: x.responseMeaning?.[this.lang] ?? info.explanation[this.lang], action: info.action[this.lang] }));
      }
    }
  }

  private signatureSection(signatures: ReportSignatureView[]): void {
    this.heading(this.t('signaturesHeading'), 10.5);
    if (signatures.length === 0) return this.text(this.t('noSignature'));
    for (const sig of signatures) {
      this.ensure(sig.png ? 110 : 40);
      this.text(this.t('signatureLine', { kind: reportWord(this.lang, sig.file.kind), time: this.time(sig.file.capturedAt) }));
      if (sig.file.featureCode) this.field(this.t('featureCode'), sig.file.featureCode);
      if (sig.reason) this.field(this.t('reason'), plainText(sig.reason, { max: 500, multiline: true }));
      if (sig.approvedBy) this.field(this.t('approvedBy'), sig.approvedBy);
      if (sig.check) {
        if (sig.check.ok) this.text(this.t('verified'));
        else this.text(`${this.t('notVerified')} ${sig.check.problems.map((p) => problemText(this.lang, p)).join(' ')}`);
      }
      if (sig.png) {
        const y = this.doc.y + 4;
        this.doc.image(Buffer.from(sig.png), MARGIN, y, { fit: [220, 80] });
        this.doc.y = y + 84;
        this.doc.x = MARGIN;
      }
    }
  }

  private receiptSection(receipts: ReportSaleView['receipts']): void {
    this.heading(this.t('receiptsHeading'), 10.5);
    if (receipts.length === 0) return this.text(this.t('noReceipts'));
    if (!this.receiptPictures) {
      for (const r of receipts) this.text(`${this.caption(r)} — ${r.file}`);
      return;
    }
    const perRow = 3;
    const gap = (this.doc.page.width - 2 * MARGIN - perRow * RECEIPT_WIDTH) / (perRow - 1);
    for (let i = 0; i < receipts.length; i += perRow) {
      const row = receipts.slice(i, i + perRow);
      const heights = row.map((r) => pngHeightFor(r.png, RECEIPT_WIDTH));
      const rowHeight = Math.min(Math.max(...heights), this.doc.page.height - 2 * MARGIN - 60);
      this.ensure(rowHeight + 40);
      const top = this.doc.y;
      let captionBottom = top;
      row.forEach((r, k) => {
        const x = MARGIN + k * (RECEIPT_WIDTH + gap);
        this.text(this.caption(r), { size: 7.5, width: RECEIPT_WIDTH });
        this.doc.x = x;
        captionBottom = Math.max(captionBottom, this.doc.y);
        this.doc.y = top;
        this.doc.x = x + RECEIPT_WIDTH + gap;
      });
      row.forEach((r, k) => {
        this.doc.image(Buffer.from(r.png), MARGIN + k * (RECEIPT_WIDTH + gap), captionBottom + 4, { fit: [RECEIPT_WIDTH, rowHeight] });
      });
      this.doc.x = MARGIN;
      this.doc.y = captionBottom + 8 + rowHeight;
    }
  }

  private caption(r: ReportSaleView['receipts'][number]): string {
    return this.t('receiptCaption', { copy: reportWord(this.lang, r.copy), reprint: r.reprint > 0 ? this.t('reprint', { n: r.reprint }) : '', time: this.time(r.printedAt), outcome: reportWord(this.lang, r.outcome) });
  }

  private caseSection(view: ReportSaleView): void {
    if (view.cases.length === 0 && view.attachments.length === 0) return;
    if (view.cases.length > 0) {
      this.heading(this.t('casesHeading'), 10.5);
      for (const c of view.cases) this.text(this.t('caseLine', { type: reportWord(this.lang, c.type), state: reportWord(this.lang, c.state), time: this.time(c.openedAt), notes: plainText(c.notes, { max: 2000, multiline: true }) }));
    }
    if (view.attachments.length > 0) {
      this.heading(this.t('attachmentsHeading'), 10.5);
      for (const a of view.attachments) this.text(this.t('attachmentLine', { name: plainText(a.name, { max: 120 }), type: a.mimeType, size: a.size, file: a.file, sha: a.sha256.slice(0, 16) }));
    }
  }

  private auditSection(entries: ChainEntry[]): void {
    this.heading(this.t('auditHeading'), 10.5);
    if (entries.length === 0) return this.text('—');
    const first = entries[0] as ChainEntry;
    const last = entries[entries.length - 1] as ChainEntry;
    this.text(this.t('auditSummary', { count: entries.length, first: first.seq, last: last.seq, size: this.checkpointSize }));
    for (const e of entries) this.text(this.t('auditLine', { seq: e.seq, time: this.time(e.at), action: e.action, result: reportWord(this.lang, e.result) }), { size: 7.5 });
  }

  async finish(summary: ReportSummary): Promise<void> {
    this.doc.addPage();
    this.text(this.t('verifyHeading'), { size: 16 });
    this.doc.moveDown(0.5);
    this.text(this.t('verifyIntro'));
    this.doc.moveDown(0.5);
    this.text(this.t('salesCount') + `: ${summary.sales}`);
    this.doc.moveDown(0.5);
    this.text(this.t('fingerprint'));
    this.text(summary.keyFingerprint.replace(/(.{8})(?=.)/g, '$1 '), { size: 11 });
    this.doc.moveDown(0.5);
    for (const step of ['step1', 'step2', 'step3'] as const) {
      this.text(this.t(step));
      this.doc.moveDown(0.3);
    }
    await this.end();
  }

}

/** The drawn height of a PNG at `width` points, from its IHDR (no decoding). */
const pngHeightFor = (png: Uint8Array, width: number): number => {
  if (png.length < 24) return 0;
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const w = dv.getUint32(16);
  const h = dv.getUint32(20);
  return w > 0 ? (h / w) * width : 0;
};
