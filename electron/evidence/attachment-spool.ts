import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../../shared/domain/hash';
import { RecordId } from '../../shared/domain/evidence/layout';
import { EvidenceExportError } from './bundle-writer';

/**
 * Attachment bytes of one export, as they arrive in `evidence:attachment-part`s, in a temp
 * folder of that export (deleted with it): parts must come in order (each `offset` is what
 * arrived so far). The sale that names an attachment takes it back whole, checked against the
 * size and SHA-256 the renderer stated, and its file is deleted then.
 */
export const MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024;

export class AttachmentSpool {
  private readonly received = new Map<string, number>();

  constructor(private readonly dir: string) {}

  private path(attachmentId: string): string {
    return join(this.dir, `${RecordId.parse(attachmentId)}.part`);
  }

  async append(attachmentId: string, offset: number, data: Uint8Array): Promise<number> {
    const have = this.received.get(attachmentId) ?? 0;
    if (offset !== have) throw new EvidenceExportError('invalid-input', `attachment ${attachmentId}: part at ${offset}, expected ${have}`);
    if (have + data.length > MAX_ATTACHMENT_BYTES) throw new EvidenceExportError('invalid-input', `attachment ${attachmentId} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
    const file = await open(this.path(attachmentId), have === 0 ? 'w' : 'r+', 0o600);
    try {
      await file.write(data, 0, data.length, have);
    } finally {
      await file.close();
    }
    this.received.set(attachmentId, have + data.length);
    return have + data.length;
  }

  /** The whole attachment, checked; its spooled file is gone afterwards. */
  async take(attachmentId: string, size: number, sha256: string): Promise<Uint8Array> {
    const have = this.received.get(attachmentId);
    // An empty attachment has no part to send.
    if (have === undefined && size > 0) throw new EvidenceExportError('invalid-input', `attachment ${attachmentId} was not sent before its sale`);
    if (have !== undefined && have !== size) throw new EvidenceExportError('invalid-input', `attachment ${attachmentId}: ${have} bytes arrived, ${size} expected`);
    let bytes = new Uint8Array(0);
    if (have !== undefined) {
      const path = this.path(attachmentId);
      bytes = new Uint8Array(await readFile(path));
      this.received.delete(attachmentId);
      await rm(path, { force: true });
    }
    if (sha256Hex(bytes) !== sha256) throw new EvidenceExportError('invalid-input', `attachment ${attachmentId}: its SHA-256 is not the one stated`);
    return bytes;
  }
}
