import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EMPTY_HEAD, nextEntry, verifyEntries } from '../../shared/domain/audit-chain';
import type { ChainEntry, ChainHead } from '../../shared/domain/audit-chain';
import type { Logger } from '../services/logger';

/**
 * Main's own append-only, hash-chained journal (`<data>/audit/journal.jsonl`, one entry per
 * line, fsynced). Main records here, as part of applying them, what the renderer must not be
 * trusted to record afterwards: settings and language changes, training switches, the master
 * key, voids, refunds, exemptions, key backups, sign-ins, PIN failures and every refused
 * command. Entries have the audit log's own shape and hash (shared/domain/audit-chain.ts);
 * the renderer takes them into its audit log (`audit:journal`), where the signed checkpoints
 * cover them.
 *
 * A journal that no longer verifies when main starts is kept aside as `journal.jsonl.damaged-
 * <time>` and a new one begins with an entry saying so, which the audit log then shows.
 */
export interface JournalInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

export class Journal {
  readonly file: string;
  private readonly entries: ChainEntry[] = [];
  private fd: number | null = null;
  private readonly listeners = new Set<(entry: ChainEntry) => void>();

  private constructor(
    dataDir: string,
    private readonly device: string,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.file = join(dataDir, 'audit', 'journal.jsonl');
  }

  static open(opts: { dataDir: string; device: string; logger: Logger; now?: () => number }): Journal {
    const journal = new Journal(opts.dataDir, opts.device, opts.logger, opts.now ?? Date.now);
    const damaged = journal.load();
    mkdirSync(dirname(journal.file), { recursive: true });
    journal.fd = openSync(journal.file, 'a', 0o600);
    if (damaged) journal.append({ actor: '', action: 'journal.damaged', objectType: 'journal', objectId: damaged.aside, result: 'fail', detail: damaged });
    return journal;
  }

  /** Reads and verifies the file; a damaged one is moved aside and described. */
  private load(): { aside: string; problem: string; seq: number } | null {
    if (!existsSync(this.file)) return null;
    const lines = readFileSync(this.file, 'utf8').split('\n').filter((l) => l.length > 0);
    const parsed: ChainEntry[] = [];
    let problem: string | null = null;
    for (const [i, line] of lines.entries()) {
      try {
        parsed.push(JSON.parse(line) as ChainEntry);
      } catch {
        // A line cut short by a power cut while it was written: only the last line may be.
        if (i === lines.length - 1) this.logger.warn('journal.torn-tail', { line: i + 1 });
        else problem = `line ${i + 1} is not JSON`;
        break;
      }
    }
    if (!problem) {
      const last = parsed[parsed.length - 1];
      const verdict = verifyEntries(parsed, last ? { seq: last.seq, hash: last.hash } : null);
      if (verdict.ok) {
        this.entries.push(...parsed);
        if (parsed.length < lines.length) this.rewrite();
        return null;
      }
      problem = `${verdict.problem} at #${verdict.firstBadSeq}: ${verdict.detail}`;
    }
    const aside = `${this.file}.damaged-${this.now()}`;
    renameSync(this.file, aside);
    this.logger.error('journal.damaged', { kept: aside, problem });
    return { aside, problem, seq: parsed.length };
  }

  /** Drops a torn last line so the next append starts on a clean line. */
  private rewrite(): void {
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      for (const e of this.entries) writeSync(fd, `${JSON.stringify(e)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }

  head(): ChainHead {
    const last = this.entries[this.entries.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
  }

  /** Appends and fsyncs before returning, so what main applied is on disk with its record. */
  append(input: JournalInput): ChainEntry {
    if (this.fd === null) throw new Error('journal is closed');
    const head = this.head();
    const now = this.now();
    const entry = nextEntry(head, input, this.device, now);
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Entries with seq > `after`, oldest first. */
  since(after: number, limit: number): ChainEntry[] {
    return this.entries.slice(Math.max(0, after), Math.max(0, after) + limit);
  }

  onAppend(listener: (entry: ChainEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
