import type { z } from 'zod';
import { toBase64 } from '../../../../shared/domain/signed-note';
import { ATTACHMENT_PART_BYTES, SALES_MESSAGE_BUDGET } from '../../../../shared/ipc/commands/evidence';
import type { AuditWire, EvidenceSaleWire } from '../../../../shared/ipc/commands/evidence';
import type { CountersignApi } from '../../../../shared/ipc/contract';
import { inclusionProofs } from '../../data/audit-tree';
import type { CountersignDb } from '../../data/db';
import { attachmentBlob, saleEvidenceRecords } from '../../data/evidence-repo';
import { operatorNamesByIds } from '../../data/operators-repo';
import type { AttachmentRecord, CheckpointRecord } from '../../data/records';
import { checkpointNow } from '../audit-checkpoints';
import { auditEntryWire, toSaleWire } from './evidence-wire';
import type { ShopIds } from './evidence-wire';

/**
 * Reads a selection of sales from IndexedDB one at a time and turns it into the messages of an
 * evidence export, in the contract's order: for each sale, its attachments' bytes as parts of at
 * most ATTACHMENT_PART_BYTES (offsets ascending), then the sale joins a batch of `evidence:sales`
 * whose JSON stays under SALES_MESSAGE_BUDGET. At most one batch and one part are held at once.
 * Every audit entry carries its RFC 9162 inclusion proof into one signed checkpoint.
 */
export type EvidenceMessage =
  | { kind: 'part'; attachmentId: string; offset: number; data: string }
  | { kind: 'sales'; sales: EvidenceSaleWire[]; json: number }
  /** A sale of the selection that is gone (deleted since it was chosen): counted, not sent. */
  | { kind: 'missing'; saleId: string };

export class EvidenceSourceError extends Error {
  constructor(
    readonly reason: 'checkpoint-refused' | 'no-audit-log' | 'attachment-unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceSourceError';
  }
}

export interface EvidenceSourceDeps {
  db: CountersignDb;
  api: CountersignApi;
  shop: () => ShopIds;
  budget?: number;
  partBytes?: number;
}

/** A checkpoint main signed over the whole log as it is now: every entry read after covers by it. */
export const checkpointForExport = async (db: CountersignDb, api: CountersignApi): Promise<CheckpointRecord> => {
  const outcome = await checkpointNow(db, api);
  if (outcome.kind === 'empty') throw new EvidenceSourceError('no-audit-log', 'the audit log is empty: there is nothing to prove');
  if (outcome.kind === 'refused') throw new EvidenceSourceError('checkpoint-refused', `main did not sign a checkpoint: ${outcome.code}${outcome.reason ? ` (${outcome.reason})` : ''}`);
  return outcome.checkpoint;
};

async function* attachmentParts(db: CountersignDb, attachment: AttachmentRecord, partBytes: number): AsyncGenerator<EvidenceMessage> {
  const blob = await attachmentBlob(db, attachment.id);
  if (!blob || blob.size !== attachment.size) throw new EvidenceSourceError('attachment-unreadable', `attachment ${attachment.id} (${attachment.name}) cannot be read as stored`);
  for (let offset = 0; offset < blob.size; offset += partBytes) {
    const bytes = new Uint8Array(await blob.slice(offset, Math.min(blob.size, offset + partBytes)).arrayBuffer());
    yield { kind: 'part', attachmentId: attachment.id, offset, data: toBase64(bytes) };
  }
}

const jsonLength = (value: unknown): number => JSON.stringify(value).length;

/** The messages for `saleIds` (in the order given: time order), proofs into `checkpoint`. */
export async function* evidenceMessages(deps: EvidenceSourceDeps, saleIds: readonly string[], checkpoint: Pick<CheckpointRecord, 'size'>): AsyncGenerator<EvidenceMessage> {
  const budget = deps.budget ?? SALES_MESSAGE_BUDGET;
  const partBytes = deps.partBytes ?? ATTACHMENT_PART_BYTES;
  // The envelope around the batch ({"exportId":"…","sales":[…]}) and the commas between sales.
  const overhead = 100;
  let batch: EvidenceSaleWire[] = [];
  let batchJson = overhead;
  const names = new Map<string, string>();
  for (const saleId of saleIds) {
    const records = await saleEvidenceRecords(deps.db, saleId);
    if (!records) {
      yield { kind: 'missing', saleId };
      continue;
    }
    if (!names.has(records.sale.operatorId)) {
      const found = await operatorNamesByIds(deps.db, [records.sale.operatorId]);
      names.set(records.sale.operatorId, found.get(records.sale.operatorId) ?? records.sale.operatorId);
    }
    // Entries written after the checkpoint are not in its tree: the bundle proves what it covers.
    const covered = records.audit.filter((e) => e.seq <= checkpoint.size);
    const paths = await inclusionProofs(
      deps.db,
      covered.map((e) => e.seq),
      checkpoint.size,
    );
    const audit: Array<z.infer<typeof AuditWire>> = covered.map((entry, i) => ({
      entry: auditEntryWire(entry),
      proof: { seq: entry.seq, leafIndex: entry.seq - 1, treeSize: checkpoint.size, path: (paths[i] ?? []).map(toBase64) },
    }));
    for (const attachment of records.attachments) yield* attachmentParts(deps.db, attachment, partBytes);
    const wire = toSaleWire(records, deps.shop(), names.get(records.sale.operatorId) ?? '', audit);
    const size = jsonLength(wire) + 1;
    if (batch.length > 0 && (batchJson + size > budget || batch.length >= 500)) {
      yield { kind: 'sales', sales: batch, json: batchJson };
      batch = [];
      batchJson = overhead;
    }
    batch.push(wire);
    batchJson += size;
  }
  if (batch.length > 0) yield { kind: 'sales', sales: batch, json: batchJson };
}
