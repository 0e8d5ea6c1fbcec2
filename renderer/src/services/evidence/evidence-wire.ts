import type { z } from 'zod';
import { SignedFieldsSchema } from '../../../../shared/domain/evidence/layout';
import type { AttachmentWire, AuditWire, CaseWire, EvidenceSaleWire, ReceiptWire, SaleFactsWire, SignatureWire } from '../../../../shared/ipc/commands/evidence';
import type { SaleEvidenceRecords } from '../../data/evidence-repo';
import type { AuditEntry, PrintJobRecord, SaleRecord, SignatureRecord, StoredCard } from '../../data/records';
import { hostExchanges } from './host-summary';

/**
 * One sale's records as the `evidence:sales` wire carries them (shared/ipc/commands/evidence.ts):
 * the card masked to BIN and last 4 at most, nothing sealed or keyed (no `sealed`, no
 * fingerprint), the signatures with the fields they signed, the receipts as the print journal
 * kept them, the host exchanges summarised, and the audit entries without their tree nodes.
 */
export interface ShopIds {
  merchantId: string;
  terminalId: string;
}

const PNG_DATA_URL = 'data:image/png;base64,';

/** BIN (when kept) + last 4 around stars: the most a bundle shows of a card (RULES 3). */
export const maskedCard = (card: StoredCard): z.infer<typeof SaleFactsWire>['card'] => ({
  maskedPan: `${/^[0-9]{6}$/.test(card.bin ?? '') ? card.bin : ''}******${card.last4}`,
  last4: card.last4,
  brand: card.brand,
  entryMode: card.entryMode,
  chip: card.chip,
});

export const saleFacts = (sale: SaleRecord, shop: ShopIds, operatorName: string): z.infer<typeof SaleFactsWire> => ({
  saleId: sale.id,
  kind: sale.kind,
  originalSaleId: sale.originalSaleId,
  createdAt: sale.createdAt,
  updatedAt: sale.updatedAt,
  version: sale.version,
  amountFen: sale.amountFen,
  state: sale.state,
  signatureState: sale.signatureState,
  card: sale.card && /^[0-9]{4}$/.test(sale.card.last4) ? maskedCard(sale.card) : null,
  merchantId: shop.merchantId,
  terminalId: shop.terminalId,
  stan: sale.stan,
  batch: sale.batch,
  authCode: sale.authCode,
  rrn: sale.rrn,
  responseCode: sale.responseCode,
  channel: sale.channel,
  link: sale.linkId ?? 'none',
  offlineQueuedAt: sale.offlineQueuedAt,
  forwardedAt: sale.forwardedAt,
  reference: sale.reference,
  note: sale.note,
  operator: { id: sale.operatorId, name: operatorName },
});

/** The signed-field snapshot a signature record carries (issue 14), or null for records from before it was kept. */
const signedFieldsOf = (record: SignatureRecord): z.infer<typeof SignatureWire>['signedFields'] => {
  const stored: unknown = (record as SignatureRecord & { signedFields?: unknown }).signedFields;
  const parsed = SignedFieldsSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
};

export const signatureWire = (record: SignatureRecord): z.infer<typeof SignatureWire> => ({
  signatureId: record.id,
  saleId: record.saleId,
  kind: record.kind,
  signedFields: signedFieldsOf(record),
  strokes: record.strokes.map((stroke) => stroke.map((p) => ({ x: p.x, y: p.y, t: p.t }))),
  digest: record.digest && /^[0-9a-f]{64}$/.test(record.digest) ? record.digest : null,
  capturedAt: record.createdAt,
  reason: [record.reason, record.contactAttempts].filter((s) => s.length > 0).join('\n'),
  approvedBy: record.approvedBy,
  pngBase64: record.image?.startsWith(PNG_DATA_URL) ? record.image.slice(PNG_DATA_URL.length) : null,
});

const RECEIPT_COPIES = new Set(['merchant', 'customer', 'supplementary']);

/** Each copy of the sale's receipt the print journal holds with its markup, first prints and reprints, in time order. */
export const receiptWires = (jobs: readonly PrintJobRecord[]): Array<z.infer<typeof ReceiptWire>> =>
  jobs
    .filter((job) => RECEIPT_COPIES.has(job.copy) && typeof job.markup === 'string' && job.markup.length > 0)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((job) => ({
      copy: job.copy as z.infer<typeof ReceiptWire>['copy'],
      reprint: job.reprint,
      printedAt: job.updatedAt,
      outcome: job.state === 'failed' ? `failed: ${job.failure ?? 'unknown'}` : job.state,
      markup: job.markup ?? '',
      bytesSha256: job.bytesSha256 && /^[0-9a-f]{64}$/.test(job.bytesSha256) ? job.bytesSha256 : null,
    }));

/** An audit entry as the bundle keeps it: the chained fields only (the tree nodes are the log's index, not the entry). */
export const auditEntryWire = (entry: AuditEntry): AuditWire['entry'] => {
  const { tree: _tree, ...chained } = entry;
  return { ...chained };
};

type AuditWire = z.infer<typeof AuditWire>;

export const toSaleWire = (records: SaleEvidenceRecords, shop: ShopIds, operatorName: string, audit: AuditWire[]): EvidenceSaleWire => ({
  sale: saleFacts(records.sale, shop, operatorName),
  signatures: records.signatures.map(signatureWire),
  receipts: receiptWires(records.printJobs),
  host: records.sale.linkId || records.sale.stan ? { link: records.sale.linkId ?? 'none', exchanges: hostExchanges(records.sale, records.audit) } : null,
  cases: records.cases.map((c): z.infer<typeof CaseWire> => ({ caseId: c.id, type: c.type, state: c.state, openedAt: c.createdAt, notes: c.notes })),
  attachments: records.attachments.map((a): z.infer<typeof AttachmentWire> => ({ attachmentId: a.id, name: a.name, mimeType: a.mimeType, createdAt: a.createdAt, size: a.size, sha256: a.sha256 })),
  audit,
});
