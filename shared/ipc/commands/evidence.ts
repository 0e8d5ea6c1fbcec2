import { z } from 'zod';
import { InclusionProofFile, RecordId, SaleFile, SignedFieldsSchema, HostExchange } from '../../domain/evidence/layout';
import { command } from '../spec';
import type { CommandSpec } from '../spec';

/**
 * Evidence export (issue 14). The renderer holds the records, main holds the device key and
 * writes the bundle: the renderer opens an export (`evidence:begin`, which on the desktop asks
 * where to save first), streams the sales in size-bounded chunks (`evidence:sales`, answered
 * once main has written them: that is the back-pressure, and the renderer's progress bar),
 * sends attachment bytes in parts before the sale that names them, then `evidence:finish`
 * signs and closes the bag, or `evidence:cancel` drops it. Neither side holds the whole
 * selection. Receipts travel as the markup printed and the SHA-256 of the bytes sent: main
 * encodes them again with the printer's settings and keeps the bytes only when their digest is
 * the one printed. Manager only (RULES 6: exports need the manager role); main journals each
 * export with its bundle's digest.
 */
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');
const Ms = z.number().int().nonnegative();
const Text = (max: number) => z.string().max(max);

export const ExportId = z.string().regex(/^[0-9a-f-]{36}$/, 'expected an export id');

/** Raw bytes per `evidence:attachment-part` (base64 adds a third: well under MAX_MESSAGE_BYTES). */
export const ATTACHMENT_PART_BYTES = 1024 * 1024;
/** The renderer keeps each `evidence:sales` message (JSON) under this many characters. */
export const SALES_MESSAGE_BUDGET = 1_500_000;

export const SaleFactsWire = SaleFile.omit({
  createdAt: true,
  updatedAt: true,
  offlineQueuedAt: true,
  forwardedAt: true,
  signatures: true,
  receipts: true,
  cases: true,
  attachments: true,
  currency: true,
}).extend({ createdAt: Ms, updatedAt: Ms, offlineQueuedAt: Ms.nullable(), forwardedAt: Ms.nullable() });

const Point = z.object({ x: z.number(), y: z.number(), t: z.number() });

export const SignatureWire = z.object({
  signatureId: RecordId,
  saleId: RecordId,
  kind: z.enum(['original', 'supplementary', 'paper', 'exemption', 'exception']),
  signedFields: SignedFieldsSchema.nullable(),
  strokes: z.array(z.array(Point).max(20_000)).max(500),
  digest: Hex64.nullable(),
  capturedAt: Ms,
  reason: Text(4000),
  approvedBy: Text(100).nullable(),
  /** The signature image or the paper scan, PNG, base64 (no data: prefix); null when none. */
  pngBase64: Base64.nullable(),
});

export const ReceiptWire = z.object({
  copy: z.enum(['merchant', 'customer', 'supplementary']),
  reprint: z.number().int().nonnegative(),
  printedAt: Ms,
  outcome: Text(64),
  /** receiptline markup as sent to `printer:print`. */
  markup: Text(200_000),
  /** SHA-256 of the bytes the printer was sent (the print journal's), null when none were. */
  bytesSha256: Hex64.nullable(),
});

export const CaseWire = z.object({ caseId: RecordId, type: Text(64), state: Text(64), openedAt: Ms, notes: Text(20_000) });

/** An attachment's bytes came before, in `evidence:attachment-part`s; main checks size and digest. */
export const AttachmentWire = z.object({ attachmentId: RecordId, name: Text(255), mimeType: Text(255), createdAt: Ms, size: z.number().int().nonnegative(), sha256: Hex64 });

export const AuditWire = z.object({ entry: z.record(z.string(), z.unknown()), proof: InclusionProofFile });

export const HostExchangeWire = HostExchange.omit({ responseMeaning: true, sentAt: true, answeredAt: true }).extend({ sentAt: Ms, answeredAt: Ms.nullable() });

export const EvidenceSaleWire = z.object({
  sale: SaleFactsWire,
  signatures: z.array(SignatureWire).max(100),
  receipts: z.array(ReceiptWire).max(200),
  host: z.object({ link: Text(64), exchanges: z.array(HostExchangeWire).max(50) }).nullable(),
  cases: z.array(CaseWire).max(50),
  attachments: z.array(AttachmentWire).max(50),
  audit: z.array(AuditWire).max(2000),
});
export type EvidenceSaleWire = z.infer<typeof EvidenceSaleWire>;

/** Why main refused or stopped an export (the `reason` of a CONFLICT or VALIDATION error). */
export const EVIDENCE_REFUSALS = [
  /** A file would hold a Luhn-valid card number or track data; nothing was written. */
  'card-data-found',
  /** No sale was sent. */
  'empty',
  /** The checkpoint is not one this device signed, a proof or attachment does not add up, … */
  'invalid-input',
  /** The export id is unknown, finished or cancelled. */
  'export-unknown',
  /** Another export is running in this window. */
  'export-running',
  /** Writing failed (disk full, destination gone). */
  'write-failed',
] as const;
export type EvidenceRefusal = (typeof EVIDENCE_REFUSALS)[number];

export const EvidenceWritten = z.object({
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  sales: z.number().int().nonnegative(),
  /** SHA-256 of the whole ZIP, as journaled (a case records which bundle was sent). */
  sha256: Hex64,
  keyFingerprint: Hex64,
  /** Desktop: where it was saved. */
  savedTo: z.string().nullable(),
  /** Browser host: a same-origin path the renderer downloads once (then main deletes it). */
  downloadPath: z.string().nullable(),
});
export type EvidenceWritten = z.infer<typeof EvidenceWritten>;

export const evidenceCommands = {
  /**
   * Opens an export. On the desktop main first asks where to save (`exportId` null: the user
   * cancelled the dialog); the browser host writes into the data folder for a download.
   * `checkpoint` is a signed note this device signed whose tree holds every audit entry sent.
   */
  'evidence:begin': command(
    z
      .object({
        externalId: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$/, 'expected a case id, a sale id or a selection name'),
        caseRef: z.object({ caseId: RecordId, type: Text(64) }).nullable(),
        timeZone: Text(64),
        expectedSales: z.number().int().nonnegative().nullable(),
        checkpoint: Text(4000),
        /** Suggested file name (the dialog's default); main keeps it to safe characters and `.zip`. */
        fileName: Text(120),
      })
      .strict(),
    z.object({ exportId: ExportId.nullable() }),
  ),
  'evidence:attachment-part': command(
    z.object({ exportId: ExportId, attachmentId: RecordId, offset: z.number().int().nonnegative(), data: Base64.max(Math.ceil(ATTACHMENT_PART_BYTES / 3) * 4) }).strict(),
    z.object({ received: z.number().int().nonnegative() }),
  ),
  'evidence:sales': command(
    z.object({ exportId: ExportId, sales: z.array(EvidenceSaleWire).min(1).max(500) }).strict(),
    z.object({ sales: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  ),
  'evidence:finish': command(z.object({ exportId: ExportId }).strict(), EvidenceWritten),
  'evidence:cancel': command(z.object({ exportId: ExportId }).strict(), z.object({ cancelled: z.boolean() })),
} satisfies Record<string, CommandSpec>;
