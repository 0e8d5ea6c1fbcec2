import { auditLeafHash } from '../../shared/domain/audit-proof';
import { sha256Hex } from '../../shared/domain/hash';
import { rootOfLeaves } from '../../shared/domain/merkle';
import type { Hash } from '../../shared/domain/merkle';
import { buildReceipt, sampleReceiptInput } from '../../shared/domain/receipt';
import { featureCode } from '../../shared/domain/sale/digest';
import type { EvidenceSaleInput } from '../../shared/domain/evidence/source';
import { toBase64 } from '../../shared/domain/signed-note';
import type { EvidenceSaleWire } from '../../shared/ipc/commands/evidence';
import { encodeReceipt } from '../../electron/printer/encode-receipt';
import type { PrinterProfile } from '../../electron/printer/encode-receipt';
import { buildFixture } from './bundle-fixture';

/**
 * The bundle fixture's sales as the renderer sends them (`EvidenceSaleWire`), for tests of main's
 * export handlers: receipts as the print journal keeps them (markup + SHA-256 of the bytes
 * sent with `printedWith`, the default printer settings unless told), signature PNGs in base64,
 * attachments by reference (their bytes go in `evidence:attachment-part`s), and an audit log
 * whose checkpoint request (`checkpointRequest`) main signs with the real device key.
 */
export const DEFAULT_PROFILE: PrinterProfile = { paperWidth: 80, dotsPerLine: 576, chinese: 'native', cut: true, drawerPulse: false };

export interface WireFixture {
  sales: EvidenceSaleWire[];
  /** Attachment bytes by id. */
  attachments: Map<string, Uint8Array>;
  /** `audit:checkpoint` for a main that has signed nothing yet. */
  checkpointRequest: { oldSize: number; newSize: number; rootHash: string; proof: string[] };
  /** The receipt markups in wire order, with the bytes printed. */
  printed: Array<{ saleId: string; copy: string; reprint: number; bytes: Uint8Array }>;
}

export const receiptMarkup = (item: EvidenceSaleInput, copy: 'merchant' | 'customer' | 'supplementary', reprint: number, at: number): string => {
  const digest = item.signatures[0]?.digest;
  return buildReceipt(
    sampleReceiptInput({ copy: copy === 'supplementary' ? 'merchant' : copy, reprint: reprint > 0 ? { n: reprint, at } : null, featureCode: digest ? featureCode(digest) : null, amountFen: item.sale.amountFen, qr: item.sale.saleId, time: item.sale.createdAt }),
  );
};

export const buildWireFixture = (opts: { sales: number; deviceId: string; printedWith?: PrinterProfile; note?: string }): WireFixture => {
  const fixture = buildFixture({ sales: opts.sales, deviceId: opts.deviceId, reuseReceipts: true });
  const attachments = new Map<string, Uint8Array>();
  const printed: WireFixture['printed'] = [];
  const sales = fixture.items.map((item, i): EvidenceSaleWire => {
    for (const a of item.attachments) attachments.set(a.attachmentId, a.bytes);
    return {
      sale: i === 0 && opts.note !== undefined ? { ...item.sale, note: opts.note } : item.sale,
      signatures: item.signatures.map(({ png, ...s }) => ({ ...s, pngBase64: png ? Buffer.from(png).toString('base64') : null })),
      receipts: item.receipts.map((r) => {
        const markup = receiptMarkup(item, r.copy, r.reprint, r.printedAt);
        const bytes = encodeReceipt(markup, opts.printedWith ?? DEFAULT_PROFILE).bytes;
        printed.push({ saleId: item.sale.saleId, copy: r.copy, reprint: r.reprint, bytes });
        return { copy: r.copy, reprint: r.reprint, printedAt: r.printedAt, outcome: r.outcome, markup, bytesSha256: sha256Hex(bytes) };
      }),
      host: item.host,
      cases: item.cases,
      attachments: item.attachments.map((a) => ({ attachmentId: a.attachmentId, name: a.name, mimeType: a.mimeType, createdAt: a.createdAt, size: a.bytes.length, sha256: sha256Hex(a.bytes) })),
      audit: item.audit.map((a) => ({ entry: { ...a.entry }, proof: a.proof })),
    };
  });
  const leaves = fixture.log.entries.map((e) => auditLeafHash(e) as Hash);
  return { sales, attachments, printed, checkpointRequest: { oldSize: 0, newSize: leaves.length, rootHash: toBase64(rootOfLeaves(leaves)), proof: [] } };
};
