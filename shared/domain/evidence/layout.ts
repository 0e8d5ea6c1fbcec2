import { z } from 'zod';

/**
 * The evidence bundle's fixed layout (issue 14): where each file lives in the bag and the
 * shape of each JSON file. The writer builds exactly these, the verifier and the report read
 * them, and an independent tool can rely on them. Times outside `signedFields` are ISO 8601
 * UTC strings; inside `signedFields` they stay as signed (Unix milliseconds), because they
 * are part of the digest.
 */
export const DEVICE_KEY_FILE = 'device-key.pem';
export const ENVELOPE_FILE = 'evidence.dsse.json';
export const REPORT_FILES = { 'zh-CN': 'data/report.zh-CN.pdf', en: 'data/report.en.pdf' } as const;
export const EXCERPT_FILE = 'data/audit/excerpt.json';

/** Record ids become file names: UUIDs and similar, nothing that could climb out of a folder. */
export const RecordId = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/, 'a record id is letters, digits, - and _ (at most 64)');

export const bundlePaths = {
  sale: (saleId: string): string => `data/sales/${RecordId.parse(saleId)}.json`,
  host: (saleId: string): string => `data/host/${RecordId.parse(saleId)}.json`,
  receipt: (saleId: string, copy: string, reprint: number, ext: 'png' | 'escpos'): string =>
    `data/receipts/${RecordId.parse(saleId)}-${RecordId.parse(copy)}${reprint > 0 ? `-reprint-${reprint}` : ''}.${ext}`,
  signature: (signatureId: string, ext: 'json' | 'png'): string => `data/signatures/${RecordId.parse(signatureId)}.${ext}`,
  /** The attachment's id keeps names unique; its own name is kept, reduced to safe characters. */
  attachment: (attachmentId: string, name: string): string => `data/attachments/${RecordId.parse(attachmentId)}-${safeFileName(name)}`,
};

/**
 * A file name from shop text: ASCII letters, digits, . - _ only (ZIP tools such as Info-ZIP's
 * unzip and Windows' built-in one still mangle UTF-8 names); at most 80 characters; never
 * empty or dot-only. The name as typed stays in the sale file and the report.
 */
export const safeFileName = (name: string): string => {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-80);
  return cleaned.length > 0 ? cleaned : 'file';
};

const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/, 'expected an ISO 8601 UTC time');
export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** The fields a signature vouches for (shared/domain/sale/digest.ts SignedSaleFields), as stored with it. */
export const SignedFieldsSchema = z
  .object({
    saleId: z.string(),
    kind: z.string(),
    amountFen: z.number().int(),
    last4: z.string(),
    brand: z.string(),
    merchantId: z.string(),
    terminalId: z.string(),
    authCode: z.string().nullable(),
    rrn: z.string().nullable(),
    stan: z.string().nullable(),
    batch: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .strict();

const Point = z.object({ x: z.number(), y: z.number(), t: z.number() });

/** `data/signatures/<signatureId>.json` */
export const SignatureFile = z.object({
  signatureId: RecordId,
  saleId: RecordId,
  kind: z.enum(['original', 'supplementary', 'paper', 'exemption', 'exception']),
  /** The sale's signed fields as they were when the customer signed; null where the record predates the snapshot. */
  signedFields: SignedFieldsSchema.nullable(),
  strokes: z.array(z.array(Point)),
  digest: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  featureCode: z.string().regex(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/).nullable(),
  capturedAt: IsoTime,
});
export type SignatureFile = z.infer<typeof SignatureFile>;

/** `data/sales/<saleId>.json`: the sale record as stored, card masked, nothing sealed or keyed. */
export const SaleFile = z.object({
  saleId: RecordId,
  kind: z.enum(['sale', 'refund', 'void']),
  originalSaleId: RecordId.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().int(),
  amountFen: z.number().int().nonnegative(),
  currency: z.literal('CNY'),
  state: z.string(),
  signatureState: z.string(),
  card: z
    .object({
      /** BIN and last four at most; never more (RULES 3, 4). */
      maskedPan: z.string().regex(/^[0-9]{0,6}[*•xX]+[0-9]{4}$/),
      last4: z.string().regex(/^[0-9]{4}$/),
      brand: z.string(),
      entryMode: z.string(),
      chip: z.boolean(),
    })
    .nullable(),
  merchantId: z.string(),
  terminalId: z.string(),
  stan: z.string().nullable(),
  batch: z.string().nullable(),
  authCode: z.string().nullable(),
  rrn: z.string().nullable(),
  responseCode: z.string().nullable(),
  channel: z.string().nullable(),
  /** Which link took the sale: the training simulator or a live host (RULES 13a). */
  link: z.string(),
  offlineQueuedAt: IsoTime.nullable(),
  forwardedAt: IsoTime.nullable(),
  reference: z.string(),
  note: z.string(),
  operator: z.object({ id: z.string(), name: z.string() }),
  signatures: z.array(z.object({ signatureId: RecordId, kind: z.string(), capturedAt: IsoTime, reason: z.string(), approvedBy: z.string().nullable() })),
  receipts: z.array(z.object({ copy: z.string(), reprint: z.number().int().nonnegative(), printedAt: IsoTime, outcome: z.string(), png: z.string(), escpos: z.string() })),
  cases: z.array(z.object({ caseId: RecordId, type: z.string(), state: z.string(), openedAt: IsoTime, notes: z.string() })),
  attachments: z.array(z.object({ attachmentId: RecordId, name: z.string(), mimeType: z.string(), size: z.number().int(), sha256: z.string(), file: z.string() })),
});
export type SaleFile = z.infer<typeof SaleFile>;

/** One ISO 8583 exchange of a sale, summarised: never a PAN, track, PIN block or key. */
export const HostExchange = z.object({
  /** What the exchange did: 'sale', 'reversal', 'advice', 'inquiry', 'void', 'refund', 'sign-on'. */
  purpose: z.string(),
  requestMti: z.string().regex(/^[0-9]{4}$/),
  responseMti: z.string().regex(/^[0-9]{4}$/).nullable(),
  processingCode: z.string().regex(/^[0-9]{6}$/).nullable(),
  amountFen: z.number().int().nonnegative().nullable(),
  stan: z.string().nullable(),
  rrn: z.string().nullable(),
  authCode: z.string().nullable(),
  responseCode: z.string().nullable(),
  responseMeaning: z.object({ en: z.string(), 'zh-CN': z.string() }).nullable(),
  sentAt: IsoTime,
  answeredAt: IsoTime.nullable(),
});
export type HostExchange = z.infer<typeof HostExchange>;

/** `data/host/<saleId>.json` */
export const HostFile = z.object({ saleId: RecordId, link: z.string(), exchanges: z.array(HostExchange) });
export type HostFile = z.infer<typeof HostFile>;

const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  result: z.enum(['ok', 'fail']),
  device: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

/** An RFC 9162 inclusion proof of one audit entry into the checkpoint's tree; hashes in base64. */
export const InclusionProofFile = z.object({
  seq: z.number().int().positive(),
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  path: z.array(z.string()),
});
export type InclusionProofFile = z.infer<typeof InclusionProofFile>;

/** `data/audit/excerpt.json` */
export const ExcerptFile = z.object({
  /** Audit entries of these sales, ascending by seq. */
  entries: z.array(AuditEntrySchema.loose()),
  /** The C2SP signed note of a tlog-checkpoint whose tree contains every entry. */
  checkpoint: z.string(),
  proofs: z.array(InclusionProofFile),
});
export type ExcerptFile = z.infer<typeof ExcerptFile>;
