import type { ChainEntry } from '../audit-chain';
import type { SignedSaleFields, StrokePoint } from '../sale/digest';
import type { HostExchange, InclusionProofFile, SaleFile, SignatureFile } from './layout';

/**
 * What an evidence export is made from: a header, then the sales one at a time (in time
 * order), each with everything the bundle holds about it. The renderer reads these from
 * IndexedDB in chunks and main writes them as they come, so neither side holds the whole
 * selection. Times are Unix milliseconds here; the bundle files carry them as ISO 8601.
 */
export interface EvidenceHeader {
  merchant: { name: string; address: string; merchantId: string; terminalId: string };
  /** External-Identifier: the case id when the export is for a case, else the sale id (or a selection's name). */
  externalId: string;
  caseRef: { caseId: string; type: string } | null;
  deviceId: string;
  createdAt: number;
  /** IANA zone the report prints times in. */
  timeZone: string;
  /** The signed note of a checkpoint whose tree holds every audit entry given with the sales. */
  checkpoint: string;
  /** Software and version, for the statement (e.g. "Countersign 0.1.0"). */
  generator: string;
}

export type SaleFacts = Omit<SaleFile, 'createdAt' | 'updatedAt' | 'offlineQueuedAt' | 'forwardedAt' | 'signatures' | 'receipts' | 'cases' | 'attachments' | 'currency'> & {
  createdAt: number;
  updatedAt: number;
  offlineQueuedAt: number | null;
  forwardedAt: number | null;
};

export interface EvidenceSignatureInput {
  signatureId: string;
  saleId: string;
  kind: SignatureFile['kind'];
  /** The signed fields captured with the signature; null for records made before they were kept. */
  signedFields: SignedSaleFields | null;
  strokes: StrokePoint[][];
  digest: string | null;
  capturedAt: number;
  /** Exemption reason, exception explanation. */
  reason: string;
  approvedBy: string | null;
  /** The signature image (PNG), or the paper scan; null when none. */
  png: Uint8Array | null;
}

export interface EvidenceReceiptInput {
  copy: 'merchant' | 'customer' | 'supplementary';
  /** 0 for the first print, n for REPRINT n. */
  reprint: number;
  printedAt: number;
  /** The print job's outcome: 'confirmed', 'failed: paper-end', … */
  outcome: string;
  /** Exactly the ESC/POS bytes sent to the printer, and the picture of them. */
  escpos: Uint8Array;
  png: Uint8Array;
}

export interface EvidenceCaseInput {
  caseId: string;
  type: string;
  state: string;
  openedAt: number;
  notes: string;
}

export interface EvidenceAttachmentInput {
  attachmentId: string;
  name: string;
  mimeType: string;
  createdAt: number;
  bytes: Uint8Array;
}

export interface EvidenceAuditInput {
  entry: ChainEntry;
  proof: InclusionProofFile;
}

export interface EvidenceSaleInput {
  sale: SaleFacts;
  signatures: EvidenceSignatureInput[];
  receipts: EvidenceReceiptInput[];
  host: { link: string; exchanges: HostExchangeInput[] } | null;
  cases: EvidenceCaseInput[];
  attachments: EvidenceAttachmentInput[];
  /** The audit entries of this sale (its steps, signatures, prints, cases), each with its proof. */
  audit: EvidenceAuditInput[];
}

/** One host exchange; the writer adds the response code's meaning from shared/domain/response-codes.ts. */
export type HostExchangeInput = Omit<HostExchange, 'responseMeaning' | 'sentAt' | 'answeredAt'> & { sentAt: number; answeredAt: number | null };

export interface EvidenceSource {
  header: EvidenceHeader;
  /** How many sales will come, when known (for progress). */
  expectedSales: number | null;
  sales: AsyncIterable<EvidenceSaleInput>;
}
