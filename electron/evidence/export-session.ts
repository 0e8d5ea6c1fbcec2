import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Checkpoint } from '../../shared/domain/signed-note';
import type { EvidenceSigner } from '../../shared/domain/evidence/dsse';
import type { EvidenceHeader, EvidenceSaleInput } from '../../shared/domain/evidence/source';
import type { EvidenceSaleWire } from '../../shared/ipc/commands/evidence';
import { AttachmentSpool } from './attachment-spool';
import { EvidenceExportError, writeEvidenceBundle } from './bundle-writer';
import type { EvidenceWritten } from './bundle-writer';
import type { ReportFont } from './report-font';
import { ReceiptReEncoder } from './receipt-reencode';
import type { PrinterConfig } from './receipt-reencode';
import { SalesQueue } from './sales-queue';
import type { BatchDone } from './sales-queue';
import { wireToSale } from './wire-sale';
import type { WireStats } from './wire-sale';

/**
 * One running evidence export: the writer runs from `start` to `finish`, pulling sales from a
 * queue that `evidence:sales` messages fill (sales-queue.ts), with the export's attachments
 * spooled to its own temp folder. Whatever ends it (finish, cancel, a refusal, a closed
 * window) removes the temp folder; the writer removes its partial ZIP itself on failure, so
 * nothing but a finished bundle is left.
 */
export interface ExportSessionOptions {
  id: string;
  /** The bundle's path (the writer renames its partial file to it when complete). */
  dest: string;
  header: EvidenceHeader;
  checkpoint: Checkpoint;
  expectedSales: number | null;
  signer: EvidenceSigner;
  font: ReportFont;
  printer: PrinterConfig;
  /** Parent of the export's temp folder. */
  tempRoot: string;
}

export interface ExportFinished extends EvidenceWritten {
  sha256: string;
  stats: WireStats;
}

const fileSha256 = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

export class ExportSession {
  readonly stats: WireStats = { receiptsNotIdentical: 0 };
  private readonly abort = new AbortController();
  private temp = '';
  private spool: AttachmentSpool | null = null;
  private queue: SalesQueue<EvidenceSaleWire, EvidenceSaleInput> | null = null;
  private writing: Promise<EvidenceWritten> | null = null;
  /** Set once the writer stopped with an error: every later call answers with it. */
  private failure: Error | null = null;
  private bytes = 0;

  constructor(private readonly opts: ExportSessionOptions) {}

  get id(): string {
    return this.opts.id;
  }

  async start(): Promise<void> {
    await mkdir(this.opts.tempRoot, { recursive: true, mode: 0o700 });
    this.temp = await mkdtemp(join(this.opts.tempRoot, 'countersign-export-'));
    const spool = new AttachmentSpool(this.temp);
    const receipts = new ReceiptReEncoder(this.opts.printer);
    const queue = new SalesQueue<EvidenceSaleWire, EvidenceSaleInput>((wire) => wireToSale(wire, { spool, receipts, checkpoint: this.opts.checkpoint, stats: this.stats }));
    this.spool = spool;
    this.queue = queue;
    this.writing = writeEvidenceBundle(this.opts.dest, { header: this.opts.header, expectedSales: this.opts.expectedSales, sales: queue.sales() }, {
      signer: this.opts.signer,
      font: this.opts.font,
      signal: this.abort.signal,
      tempDir: this.temp,
      onProgress: (p) => (this.bytes = p.bytes),
    });
    // A writer that stops on its own (a refusal) fails the messages waiting on it, and the next ones.
    this.writing.catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      queue.fail(error);
    });
  }

  private live(): { spool: AttachmentSpool; queue: SalesQueue<EvidenceSaleWire, EvidenceSaleInput> } {
    if (this.failure !== null) throw this.failure;
    if (!this.spool || !this.queue) throw new Error('the export has not started');
    return { spool: this.spool, queue: this.queue };
  }

  attachmentPart(attachmentId: string, offset: number, data: Uint8Array): Promise<number> {
    return this.live().spool.append(attachmentId, offset, data);
  }

  /** Resolves once the writer has written every sale of the message. */
  async sales(items: EvidenceSaleWire[]): Promise<BatchDone & { bytes: number }> {
    const done = await this.live().queue.push(items);
    return { ...done, bytes: this.bytes };
  }

  /** Ends the sales, lets the writer seal the bag, and hashes the finished ZIP. */
  async finish(): Promise<ExportFinished> {
    const { queue } = this.live();
    queue.end();
    try {
      const written = await (this.writing as Promise<EvidenceWritten>);
      return { ...written, sha256: await fileSha256(written.path), stats: this.stats };
    } finally {
      await this.cleanup();
    }
  }

  /** Stops the writer (it deletes its partial file) and removes the temp folder. */
  async cancel(reason: EvidenceExportError = new EvidenceExportError('cancelled', 'the export was cancelled')): Promise<void> {
    this.failure ??= reason;
    this.abort.abort();
    this.queue?.fail(reason);
    try {
      await this.writing;
    } catch {
      // The writer's own error after a cancel is the cancel: it has removed its partial file.
    } finally {
      await this.cleanup();
    }
  }

  private async cleanup(): Promise<void> {
    if (this.temp) await rm(this.temp, { recursive: true, force: true });
  }
}
