import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { EvidenceAuditInput } from '../../shared/domain/evidence/source';
import { findCardData } from '../../shared/domain/card/pan-scan';
import { EXCERPT_FILE } from '../../shared/domain/evidence/layout';
import { CardDataFound } from './zip-sink';

/**
 * The audit excerpt gathered across a streamed export: entries arrive sale by sale (and a case
 * entry may come with several sales) but excerpt.json lists them once each, ascending by seq,
 * followed by their proofs. Entries go to a temp file as they come; memory keeps only
 * (seq → offset, length), and the excerpt is read back in order at the end.
 */
export class AuditSpool {
  private readonly index = new Map<number, { offset: number; length: number }>();
  private size = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly allow: readonly string[],
  ) {}

  static async create(path: string, allow: readonly string[]): Promise<AuditSpool> {
    return new AuditSpool(await open(path, 'w+', 0o600), allow);
  }

  get count(): number {
    return this.index.size;
  }

  async add(items: readonly EvidenceAuditInput[]): Promise<void> {
    for (const item of items) {
      if (this.index.has(item.entry.seq)) continue;
      const line = JSON.stringify([item.entry, item.proof]);
      const hit = findCardData(line, { allow: this.allow })[0];
      if (hit) throw new CardDataFound(EXCERPT_FILE, hit);
      const bytes = Buffer.from(`${line}\n`, 'utf8');
      await this.file.write(bytes, 0, bytes.length, this.size);
      this.index.set(item.entry.seq, { offset: this.size, length: bytes.length - 1 });
      this.size += bytes.length;
    }
  }

  private async read(seq: number): Promise<[unknown, unknown]> {
    const at = this.index.get(seq);
    if (!at) throw new RangeError(`no audit entry #${seq}`);
    const buf = Buffer.alloc(at.length);
    await this.file.read(buf, 0, at.length, at.offset);
    return JSON.parse(buf.toString('utf8')) as [unknown, unknown];
  }

  /** excerpt.json in chunks: `{"checkpoint":…,"entries":[…],"proofs":[…]}`, one entry or proof per line. */
  async *excerpt(checkpoint: string): AsyncGenerator<Uint8Array> {
    const seqs = [...this.index.keys()].sort((a, b) => a - b);
    const enc = new TextEncoder();
    yield enc.encode(`{\n"checkpoint": ${JSON.stringify(checkpoint)},\n"entries": [\n`);
    for (const [part, close] of [
      [0, '],\n"proofs": [\n'],
      [1, ']\n}\n'],
    ] as const) {
      for (const [i, seq] of seqs.entries()) {
        const pair = await this.read(seq);
        yield enc.encode(`${JSON.stringify(pair[part])}${i < seqs.length - 1 ? ',' : ''}\n`);
      }
      yield enc.encode(close);
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
