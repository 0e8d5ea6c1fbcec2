import Dexie from 'dexie';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CountersignDb } from './db';
import type { SignatureRecord, SignatureState } from './records';
import { saleTables, updateSale } from './sales-repo';
import { appendAudit } from './audit-repo';
import { sha256Hex } from '../../../shared/domain/hash';
import { MAX_ATTACHMENT_BYTES } from './attachments-repo';

export type NewSignature = Omit<SignatureRecord, 'id' | 'createdAt'>;

/**
 * A signature (or an exemption, a paper signature, a registered exception) is its own record
 * linked to the sale; the sale's `signatureState` moves with it in one transaction. Nothing
 * earlier is overwritten: a supplementary signature is a new record beside the original.
 */
export const addSignature = (db: CountersignDb, input: NewSignature & { id?: string }, saleState: SignatureState | null, action: string): Promise<SignatureRecord> =>
  db.transaction('rw', [db.signatures, ...saleTables(db)], async () => {
    const record: SignatureRecord = { ...input, id: input.id ?? uuidv7(), createdAt: Date.now() };
    await db.signatures.add(record);
    if (saleState) {
      await updateSale(db, input.saleId, { signatureState: saleState }, { actor: input.operatorId, action, detail: { signatureId: record.id, kind: record.kind } });
    } else {
      await appendAudit(db, { actor: input.operatorId, action, objectType: 'sale', objectId: input.saleId, result: 'ok', detail: { signatureId: record.id, kind: record.kind } });
    }
    return record;
  });

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
export const addPaperSignature = async (db: CountersignDb, input: { saleId: string; operatorId: string; note: string; file: { name: string; type: string; bytes: Uint8Array } }): Promise<SignatureRecord> => {
  const { file } = input;
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeForSignature(file.bytes.length);
  const digest = sha256Hex(file.bytes);
  const signatureId = uuidv7();
  return db.transaction('rw', [db.attachments, db.signatures, ...saleTables(db)], async () => {
    await db.attachments.add({ id: uuidv7(), ownerId: signatureId, createdAt: Date.now(), name: file.name.slice(0, 120), mimeType: file.type || 'application/octet-stream', size: file.bytes.length, sha256: digest, data: new Blob([file.bytes as BlobPart], { type: file.type }) });
    return addSignature(db, { id: signatureId, saleId: input.saleId, kind: 'paper', operatorId: input.operatorId, strokes: [], image: null, reason: input.note, contactAttempts: '', approvedBy: null, digest: null }, 'signed', 'sale.signed-on-paper');
  });
};
