import Dexie from 'dexie';
import { uuidv7 } from '../../../shared/domain/ids';
import type { CountersignDb } from './db';
import type { SignatureRecord, SignatureState } from './records';
import { updateSale } from './sales-repo';
import { appendAudit } from './audit-repo';

export type NewSignature = Omit<SignatureRecord, 'id' | 'createdAt'>;

/**
 * A signature (or an exemption, a paper signature, a registered exception) is its own record
 * linked to the sale; the sale's `signatureState` moves with it in one transaction. Nothing
 * earlier is overwritten: a supplementary signature is a new record beside the original.
 */
export const addSignature = (db: CountersignDb, input: NewSignature & { id?: string }, saleState: SignatureState | null, action: string): Promise<SignatureRecord> =>
  db.transaction('rw', [db.signatures, db.sales, db.counters, db.audit, db.settings], async () => {
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
