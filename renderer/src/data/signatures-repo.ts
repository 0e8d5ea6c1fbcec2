import Dexie from 'dexie';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CountersignDb } from './db';
import type { SignatureRecord, SignatureState } from './records';
import type { SignedSaleFields } from '../../../shared/domain/sale/digest';
import { saleTables, updateSale } from './sales-repo';
import { appendAudit } from './audit-repo';
import { sha256Hex } from '../../../shared/domain/hash';
import { MAX_ATTACHMENT_BYTES } from './attachments-repo';

/** A new record always says what it was given for: the signed-field snapshot (null only where there is no sale to snapshot). */
export type NewSignature = Omit<SignatureRecord, 'id' | 'createdAt' | 'signedFields'> & { signedFields: SignedSaleFields | null };

/**
 * A signature (or an exemption, a paper signature, a registered exception) is its own record
 * linked to the sale; the sale's `signatureState` moves with it in one transaction. Nothing
 * earlier is overwritten: a supplementary signature is a new record beside the original.
 */
/** A scan or photo kept with a signature record (the paper slip, or what 登记并说明 attaches). */
export interface SignatureFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export const addSignature = (db: CountersignDb, input: NewSignature & { id?: string }, saleState: SignatureState | null, action: string, file?: SignatureFile): Promise<SignatureRecord> => {
  if (file && file.bytes.length > MAX_ATTACHMENT_BYTES) return Promise.reject(new AttachmentTooLargeForSignature(file.bytes.length));
  return db.transaction('rw', [db.signatures, db.attachments, ...saleTables(db)], async () => {
    const record: SignatureRecord = { ...input, id: input.id ?? uuidv7(), createdAt: Date.now() };
    await db.signatures.add(record);
    if (file) {
      await db.attachments.add({ id: uuidv7(), ownerId: record.id, createdAt: record.createdAt, name: file.name.slice(0, 120), mimeType: file.type || 'application/octet-stream', size: file.bytes.length, sha256: sha256Hex(file.bytes), data: new Blob([file.bytes as BlobPart], { type: file.type }) });
    }
    // The signing's audit entry names the record and the digest it was given (校验签名 compares them: signingEntry).
    const detail = {
      signatureId: record.id,
      kind: record.kind,
      ...(record.digest ? { digest: record.digest } : {}),
      ...(record.remedyFor ? { remedyFor: record.remedyFor.signatureId, remedy: record.remedyFor.remedy } : {}),
      ...(file ? { attachments: 1 } : {}),
    };
    if (saleState) {
      await updateSale(db, input.saleId, { signatureState: saleState }, { actor: input.operatorId, action, detail });
    } else {
      await appendAudit(db, { actor: input.operatorId, action, objectType: 'sale', objectId: input.saleId, result: 'ok', detail });
    }
    return record;
  });
};

export const signaturesFor = (db: CountersignDb, saleId: string): Promise<SignatureRecord[]> =>
  db.signatures.where('[saleId+createdAt]').between([saleId, Dexie.minKey], [saleId, Dexie.maxKey]).toArray();

export class AttachmentTooLargeForSignature extends RangeError {
  constructor(readonly size: number) {
    super(`the file is ${size} bytes; at most ${MAX_ATTACHMENT_BYTES}`);
  }
}

/**
 * A slip signed on paper: the scan or photo (an attachment, limited as every attachment is by
 * attachments-repo) and the signature record, with the sale's state, in one transaction.
 */
export const addPaperSignature = (
  db: CountersignDb,
  input: { saleId: string; operatorId: string; note: string; file: SignatureFile; signedFields: SignedSaleFields; remedyFor?: SignatureRecord['remedyFor'] },
): Promise<SignatureRecord> =>
  addSignature(
    db,
    { saleId: input.saleId, kind: 'paper', operatorId: input.operatorId, strokes: [], image: null, reason: input.note, contactAttempts: '', approvedBy: null, digest: null, signedFields: input.signedFields, remedyFor: input.remedyFor ?? null },
    'signed',
    'sale.signed-on-paper',
    input.file,
  );
