import { hashEntry } from '../../shared/domain/audit-chain';
import type { ChainEntry } from '../../shared/domain/audit-chain';
import { inclusionProblem } from '../../shared/domain/audit-proof';
import { ExcerptFile } from '../../shared/domain/evidence/layout';
import type { EvidenceSaleInput } from '../../shared/domain/evidence/source';
import type { EvidenceSaleWire } from '../../shared/ipc/commands/evidence';
import type { Checkpoint } from '../../shared/domain/signed-note';
import type { AttachmentSpool } from './attachment-spool';
import { EvidenceExportError } from './bundle-writer';
import type { ReceiptReEncoder } from './receipt-reencode';

/**
 * One sale as the renderer sends it (`EvidenceSaleWire`) made into what the writer takes
 * (`EvidenceSaleInput`): receipts encoded again and drawn (receipt-reencode.ts), signature
 * PNGs decoded, attachments taken from the export's spool (size and SHA-256 checked), and
 * every audit entry checked against its own hash and its inclusion proof into the export's
 * checkpoint, so main never signs a bundle whose excerpt would not verify.
 */
const AuditEntry = ExcerptFile.shape.entries.element;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface WireStats {
  /** Receipts whose bytes could not be shown to be the ones printed (see receipt-reencode.ts). */
  receiptsNotIdentical: number;
}

const pngOf = (base64: string | null, what: string): Uint8Array | null => {
  if (base64 === null) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (!bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new EvidenceExportError('invalid-input', `${what}: the image is not a PNG`);
  return new Uint8Array(bytes);
};

const auditEntry = (raw: Record<string, unknown>, checkpoint: Checkpoint, proof: EvidenceSaleWire['audit'][number]['proof']): ChainEntry => {
  const parsed = AuditEntry.safeParse(raw);
  if (!parsed.success) throw new EvidenceExportError('invalid-input', `an audit entry is malformed (${parsed.error.issues[0]?.path.join('.') ?? 'entry'})`);
  const entry = parsed.data as ChainEntry;
  if (hashEntry(entry) !== entry.hash) throw new EvidenceExportError('invalid-input', `audit entry #${entry.seq} does not match its own hash`);
  const problem = inclusionProblem(entry, proof, checkpoint);
  if (problem) throw new EvidenceExportError('invalid-input', `audit entry #${entry.seq} is not proved by the checkpoint (${problem})`);
  return entry;
};

export const wireToSale = async (wire: EvidenceSaleWire, deps: { spool: AttachmentSpool; receipts: ReceiptReEncoder; checkpoint: Checkpoint; stats: WireStats }): Promise<EvidenceSaleInput> => {
  const attachments = [];
  for (const a of wire.attachments) {
    attachments.push({ attachmentId: a.attachmentId, name: a.name, mimeType: a.mimeType, createdAt: a.createdAt, bytes: await deps.spool.take(a.attachmentId, a.size, a.sha256) });
  }
  const receipts = wire.receipts.map((r) => {
    const made = deps.receipts.reEncode(r);
    if (!made.identical) deps.stats.receiptsNotIdentical += 1;
    return { copy: r.copy, reprint: r.reprint, printedAt: r.printedAt, outcome: made.outcome, escpos: made.escpos, png: made.png };
  });
  return {
    sale: wire.sale,
    signatures: wire.signatures.map(({ pngBase64, ...s }) => ({ ...s, png: pngOf(pngBase64, `signature ${s.signatureId}`) })),
    receipts,
    host: wire.host,
    cases: wire.cases,
    attachments,
    audit: wire.audit.map((a) => ({ entry: auditEntry(a.entry, deps.checkpoint, a.proof), proof: a.proof })),
  };
};
