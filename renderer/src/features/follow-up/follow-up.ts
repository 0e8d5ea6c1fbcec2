import { sha256Hex } from '../../../../shared/domain/hash';
import { uuidv7 } from '../../../../shared/domain/ids';
import { signatureDigest } from '../../../../shared/domain/sale/digest';
import type { Settings } from '../../../../shared/domain/settings';
import type { CountersignDb } from '../../data/db';
import type { SaleRecord, SignaturePoint } from '../../data/records';
import { addSignature } from '../../data/signatures-repo';
import { signatureFields } from '../sale/signed-fields';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/**
 * Resolutions of an unsigned sale (PRODUCT problem 1). Each is a new record linked to the
 * sale; the original sale and any earlier signature record stay as they were.
 */
export const captureSupplementary = (db: CountersignDb, sale: SaleRecord, settings: Pick<Settings, 'shop'>, operatorId: string, strokes: SignaturePoint[][], png: string) =>
  addSignature(
    db,
    { saleId: sale.id, kind: 'supplementary', operatorId, strokes, image: png, reason: '', contactAttempts: '', approvedBy: null, digest: signatureDigest(signatureFields(sale, settings), strokes) },
    'signed',
    'sale.supplementary-signature',
  );

export const recordPaperSignature = async (db: CountersignDb, sale: SaleRecord, operatorId: string, file: { name: string; type: string; bytes: Uint8Array }, note: string) => {
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new RangeError('too-large');
  const digest = sha256Hex(file.bytes);
  const signatureId = uuidv7();
  await db.transaction('rw', [db.attachments, db.signatures, db.sales, db.counters, db.audit, db.settings], async () => {
    await db.attachments.add({ id: uuidv7(), ownerId: signatureId, createdAt: Date.now(), name: file.name.slice(0, 120), mimeType: file.type || 'application/octet-stream', size: file.bytes.length, sha256: digest, data: new Blob([file.bytes as BlobPart], { type: file.type }) });
    await addSignature(db, { id: signatureId, saleId: sale.id, kind: 'paper', operatorId, strokes: [], image: null, reason: note, contactAttempts: '', approvedBy: null, digest: null }, 'signed', 'sale.signed-on-paper');
  });
};

export const registerException = (db: CountersignDb, sale: SaleRecord, operatorId: string, reason: string, contactAttempts: string, notes: string) =>
  addSignature(
    db,
    { saleId: sale.id, kind: 'exception', operatorId, strokes: [], image: null, reason: notes ? `${reason}\n${notes}` : reason, contactAttempts, approvedBy: null, digest: null },
    'waived',
    'sale.unsigned-registered',
  );
