import { sha256Hex } from '../../../shared/domain/hash';
import { uuidv7 } from '../../../shared/domain/ids';
import { appendAudit, auditTables } from './audit-repo';
import type { CountersignDb } from './db';
import type { AttachmentKind } from '../../../shared/domain/cases/evidence-facts';
import type { AttachmentRecord } from './records';

/**
 * Files attached to a sale, signature or case (paper signature scans, photos, customer
 * letters). The digest is computed before the transaction: reading a Blob is not IndexedDB
 * work and would end it.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface NewAttachment {
  ownerId: string;
  name: string;
  mimeType: string;
  data: Blob;
  operatorId: string;
  /** What the file is (a case checklist looks for a kind: the slip's photo, the bank's notice, …). */
  kind?: AttachmentKind;
}

export class AttachmentTooLarge extends Error {
  constructor(readonly size: number) {
    super(`attachment of ${size} bytes exceeds ${MAX_ATTACHMENT_BYTES}`);
  }
}

export const addAttachment = async (db: CountersignDb, input: NewAttachment, now: number = Date.now()): Promise<AttachmentRecord> => {
  if (input.data.size > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLarge(input.data.size);
  const sha256 = sha256Hex(new Uint8Array(await input.data.arrayBuffer()));
  const record: AttachmentRecord = {
    id: uuidv7(now),
    ownerId: input.ownerId,
    createdAt: now,
    name: input.name.slice(0, 255),
    mimeType: input.mimeType || 'application/octet-stream',
    size: input.data.size,
    sha256,
    data: input.data,
    ...(input.kind ? { kind: input.kind } : {}),
  };
  return db.transaction('rw', [db.attachments, ...auditTables(db)], async () => {
    await db.attachments.add(record);
    await appendAudit(db, { actor: input.operatorId, action: 'attachment.add', objectType: 'attachment', objectId: record.id, result: 'ok', detail: { ownerId: record.ownerId, sha256, size: record.size, mimeType: record.mimeType, kind: record.kind ?? null } }, now);
    return record;
  });
};

/** Attachments of one owner, oldest first. */
export const attachmentsFor = async (db: CountersignDb, ownerId: string): Promise<AttachmentRecord[]> =>
  (await db.attachments.where('ownerId').equals(ownerId).toArray()).sort((a, b) => a.createdAt - b.createdAt);
