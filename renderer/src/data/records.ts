import type { ChainEntry } from '../../../shared/domain/audit-chain';
import type { CardBrand } from '../../../shared/domain/card/brand';
import type { CardSummary } from '../../../shared/ipc/commands/card-reader';
import type { SaleState } from '../../../shared/domain/sale/sale-state';
import type { SignedSaleFields } from '../../../shared/domain/sale/digest';
import type { Remedy } from '../../../shared/domain/sale/signature-check';
import type { CaseOrigin, CaseType } from '../../../shared/domain/cases/case-types';
import type { CaseStatus } from '../../../shared/domain/cases/case-status';
import type { CardScheme, ReasonCategory } from '../../../shared/domain/cases/reason-codes';
import type { AttachmentKind } from '../../../shared/domain/cases/evidence-facts';
/**
 * Records of the system of record (IndexedDB). Ids are UUIDv7; times are Unix milliseconds
 * (UTC) so they index and compare as numbers; money is integer fen. Records are appended or
 * versioned (`version` increments on every change) so they can be replicated later.
 */
export type SaleKind = 'sale' | 'refund' | 'void';

export type { SaleState, CardBrand };

/**
 * Signature outcome. `pending` while the money question is open (nothing charged yet); a charged
 * sale that needs a signature is `unsigned` from the moment it is charged until one is recorded
 * (so a sale left at the signature step, by a crash, a reload or another screen, is in the
 * unsigned follow-up at once); a sale that ends without a charge needs none (`not-required`).
 */
export type SignatureState = 'not-required' | 'pending' | 'signed' | 'waived' | 'unsigned';

export type EntryMode = CardSummary['entryMode'];

/** What the renderer may know of a card: never the full PAN or track data. */
export interface StoredCard {
  maskedPan: string;
  /** First six digits, kept for the manager role only (RULES 3); null when not captured. */
  bin: string | null;
  last4: string;
  brand: CardBrand;
  entryMode: EntryMode;
  chip: boolean;
  /** HMAC-SHA256 keyed by a device secret held by main, for duplicate detection. */
  fingerprint: string;
}

export interface SaleRecord {
  id: string;
  kind: SaleKind;
  /** For refunds and voids: the sale they reverse. */
  originalSaleId: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
  operatorId: string;
  amountFen: number;
  state: SaleState;
  signatureState: SignatureState;
  card: StoredCard | null;
  /** Denormalised for the index (search by last 4). Empty until a card is read. */
  last4: string;
  /** Card fingerprint, denormalised for the duplicate-charge index. */
  fingerprint: string;
  reference: string;
  note: string;
  /** Host numbering, written before the request leaves. */
  stan: string | null;
  batch: string | null;
  authCode: string | null;
  rrn: string | null;
  responseCode: string | null;
  /** Path to the answer. */
  channel: 'online' | 'offline' | null;
  /**
   * The card host the money went to (shared/domain/link-id.ts: `training` or a live host), written
   * with the STAN or the seal, before anything is sent. Inquiry, reversal and forwarding use it
   * and nothing else; null only for a sale that never got that far (and for records from before v2).
   */
  linkId: string | null;
  /** Offline sale: sealed card data (opaque to the renderer) until the host answers. */
  sealed: string | null;
  offlineQueuedAt: number | null;
  forwardedAt: number | null;
  /** Advice sends so far: the first goes as 0220, every later one as an 0221 repeat. */
  forwardAttempts: number;
  /** The host's answer to our reversal of this sale, when it did not settle it (shown in the follow-up). */
  reversalCode: string | null;
  /** Forced signature applied when the sale was charged: only a manager may waive it, on every path. */
  signatureForced: boolean;
  /** Set when a host declines a sale after forwarding, or a reversal is refused: a person must act. Cleared by handling it. */
  followUp: 'none' | 'open' | 'handled';
  /** Dispute flag derived from cases is kept as a count for the list filter. */
  openCases: number;
}

export type SignatureKind = 'original' | 'supplementary' | 'paper' | 'exemption' | 'exception';

export interface SignaturePoint {
  x: number;
  y: number;
  /** Milliseconds since the stroke group began. */
  t: number;
  pressure?: number;
}

export interface SignatureRecord {
  id: string;
  saleId: string;
  kind: SignatureKind;
  createdAt: number;
  operatorId: string;
  /** Strokes with timing; empty for paper, exemption and exception records. */
  strokes: SignaturePoint[][];
  /** PNG as a data URL; for paper signatures, the scan or photo. */
  image: string | null;
  /** Exemption reason, exception explanation, contact attempts. */
  reason: string;
  contactAttempts: string;
  /** Manager who approved an exemption. */
  approvedBy: string | null;
  /** Digest binding this signature to the sale's fixed fields (feature code source). */
  digest: string | null;
  /**
   * The sale's signed fields as they were when this record was made (services/signed-fields.ts),
   * the basis of `digest`: 校验签名 names each field that changed since. Absent (or null) on
   * records made before it was kept; those still verify, without naming the fields.
   */
  signedFields?: SignedSaleFields | null;
  /** Set on a record made as the remedy of a failed 校验签名: the signature whose check failed, and which remedy. */
  remedyFor?: SignatureRemedyLink | null;
}

/** A remedy record's link to the signature whose check failed (services/evidence/signature-verify.ts). */
export interface SignatureRemedyLink {
  /** Null when the sale reads signed but no record or audit entry names its signature. */
  signatureId: string | null;
  remedy: Remedy;
}

/** Copies of a sale's receipt. */
export type SaleCopy = 'merchant' | 'customer' | 'supplementary' | 'test';
/** What a print job printed: a copy of a sale's receipt, or an end-of-day report. */
export type Copy = SaleCopy | 'report';
export const isSaleCopy = (copy: Copy): copy is SaleCopy => copy !== 'report';
export type PrintJobState = 'queued' | 'sending' | 'sent' | 'confirmed' | 'failed';

export interface PrintJobRecord {
  id: string;
  saleId: string | null;
  copy: Copy;
  /** 0 for the first print of a copy, n for REPRINT n. */
  reprint: number;
  createdAt: number;
  updatedAt: number;
  state: PrintJobState;
  /** Machine reason for `failed` (e.g. 'paper-end', 'offline', 'timeout'); translated on screen. */
  failure: string | null;
  /** SHA-256 of the exact bytes sent. */
  bytesSha256: string | null;
  byteCount: number;
  printer: string;
  operatorId: string;
  /** Receipt markup as sent (absent on jobs written before it was kept): the preview shows it. */
  markup?: string | null;
  /** Set when the cashier has dealt with a failed or interrupted job (retry, reprint, dismiss). */
  resolvedAt: number | null;
  /** A reprint's 校验签名, run before it was printed (absent on first prints and older jobs). */
  signatureCheck?: ReprintSignatureCheck | null;
}

/**
 * What 校验签名 said before a reprint: `failed` means the cashier saw the failing checks and
 * printed anyway; `not-run` means the check itself could not run (main gave no device key).
 */
export interface ReprintSignatureCheck {
  result: 'ok' | 'failed' | 'not-run';
  /** The failing checks' codes (SignatureProblem codes), each once. */
  problems: string[];
}

/** An audit log row: the hash-chained entry defined once in shared/domain/audit-chain.ts. */
export type AuditEntry = ChainEntry;

export type { CaseType };

/** What a bank's retrieval request (调单) or chargeback (拒付) notice says, as typed from it. */
export interface CaseNotice {
  reference: string;
  /** When the bank sent it (Unix ms), or null when not given. */
  receivedAt: number | null;
  amountFen: number | null;
  last4: string;
}

export interface CaseReason {
  scheme: CardScheme;
  code: string;
  category: ReasonCategory;
}

/**
 * A dispute case (issue 15): one complaint or bank request, with the sales it concerns (several for a
 * duplicate pair or a 调单 list; none yet for a notice not linked), its status and deadline. `state`
 * is `open` while the status is active (open, evidence sent) and `closed` once decided: the 有争议
 * filter and the open-case counter read it. Notes, contacts and actions are case events.
 */
export interface DisputeCaseRecord {
  id: string;
  /** The first sale linked (null until one is): kept for records of the first case model. */
  saleId: string | null;
  saleIds: string[];
  type: CaseType;
  state: 'open' | 'closed';
  status: CaseStatus;
  origin: CaseOrigin;
  reason: CaseReason | null;
  notice: CaseNotice | null;
  /** When the customer complained or the bank wrote (defaults to the opening time). */
  complaintAt: number;
  createdAt: number;
  updatedAt: number;
  dueAt: number | null;
  notes: string;
  operatorId: string;
  /** The last evidence bundle sent for the case (its SHA-256), when and by whom. */
  evidence: { bundleSha256: string; sentAt: number; operatorId: string } | null;
}

export type CaseEventKind = 'note' | 'contact' | 'status' | 'inquiry' | 'slip' | 'refund' | 'link' | 'evidence' | 'attachment' | 'opened';

/** One line of a case's timeline: a note, a contact with the customer or bank, an action taken. */
export interface CaseEventRecord {
  id: string;
  caseId: string;
  at: number;
  operatorId: string;
  kind: CaseEventKind;
  text: string;
  detail: Record<string, string | number | boolean | null>;
}

export interface AttachmentRecord {
  id: string;
  /** Sale, signature or case the file belongs to. */
  ownerId: string;
  createdAt: number;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  data: Blob;
  /** What the file is, for the case checklists (a photo of the paper slip, the bank's notice, …); absent on older files. */
  kind?: AttachmentKind;
}

export type Role = 'cashier' | 'manager';

/**
 * An operator as main reports it (`auth:operators`), mirrored here for display (names in the
 * audit log, the sale detail). Main holds the PINs; this table never has them (schema 3 on).
 */
export interface OperatorRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
  disabled: boolean;
}

/** An operator with its PIN hash from before schema 3, waiting to be handed to main once. */
export interface LegacyOperatorRecord extends OperatorRecord {
  pinHash: string;
  pinSalt: string;
  pinIterations: number;
}

/** A checkpoint of the audit log that main signed: a C2SP signed note over size and root. */
export interface CheckpointRecord {
  /** Number of entries covered (the tree size). */
  size: number;
  /** Base64 SHA-256 root of the tree at `size`. */
  rootHash: string;
  note: string;
  /** ISO 8601 UTC, from main. */
  signedAt: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** Running totals kept in the same transaction as the writes they count (no count() at start-up). */
export interface CounterRecord {
  key: string;
  value: number;
}
