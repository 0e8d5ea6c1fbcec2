import { canonicalJson } from '../canonical-json';
import { sha256Hex } from '../hash';

/** The hash-chained audit entry (RULES.md 7). `hash` covers every other field, `prevHash` included. */
export interface ChainedEntry {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  device: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Synchronous on purpose: it runs inside the IndexedDB transaction that appends the entry. */
export const entryHash = (entry: Omit<ChainedEntry, 'hash'>): string => {
  const { seq, id, at, actor, action, objectType, objectId, result, device, detail, prevHash } = entry;
  return sha256Hex(canonicalJson({ seq, id, at, actor, action, objectType, objectId, result, device, detail, prevHash }));
};

/**
 * edited: the entry's content no longer matches its hash. deleted: a seq number is missing.
 * inserted: an entry that the recorded head does not account for, or one squeezed between two
 * numbers. broken-link: the entry does not point at its predecessor (one before it was replaced
 * or removed and the rest renumbered). truncated: entries after the last one present were removed.
 */
export type ChainProblem = 'edited' | 'deleted' | 'inserted' | 'broken-link' | 'truncated';

export type ChainVerdict =
  | { ok: true; count: number; headHash: string }
  | { ok: false; problem: ChainProblem; seq: number; entryId: string | null; count: number };

/**
 * Streaming verifier: feed entries in seq order, then `finish` with the head the log recorded
 * when it last appended (kept in the same transaction), which catches changes at the tail.
 */
export class ChainVerifier {
  private prev: ChainedEntry | null = null;
  private count = 0;
  private verdict: ChainVerdict | null = null;

  push(entry: ChainedEntry): boolean {
    if (this.verdict) return false;
    const expectedSeq = (this.prev?.seq ?? 0) + 1;
    const expectedPrev = this.prev?.hash ?? GENESIS_HASH;
    if (!Number.isInteger(entry.seq) || entry.seq < expectedSeq) return this.fail('inserted', entry.seq, entry.id);
    if (entryHash(entry) !== entry.hash) return this.fail('edited', entry.seq, entry.id);
    if (entry.seq > expectedSeq) return this.fail('deleted', expectedSeq, null);
    if (entry.prevHash !== expectedPrev) return this.fail('broken-link', entry.seq, entry.id);
    this.prev = entry;
    this.count += 1;
    return true;
  }

  finish(recordedHead: { seq: number; hash: string } | null): ChainVerdict {
    if (this.verdict) return this.verdict;
    const headSeq = this.prev?.seq ?? 0;
    const recordedSeq = recordedHead?.seq ?? 0;
    if (recordedSeq > headSeq) return { ok: false, problem: 'truncated', seq: headSeq + 1, entryId: null, count: this.count };
    if (recordedSeq < headSeq) return { ok: false, problem: 'inserted', seq: recordedSeq + 1, entryId: null, count: this.count };
    if (recordedHead && recordedHead.hash !== (this.prev?.hash ?? GENESIS_HASH)) {
      return { ok: false, problem: 'edited', seq: headSeq, entryId: this.prev?.id ?? null, count: this.count };
    }
    return { ok: true, count: this.count, headHash: this.prev?.hash ?? GENESIS_HASH };
  }

  private fail(problem: ChainProblem, seq: number, entryId: string | null): false {
    this.verdict = { ok: false, problem, seq, entryId, count: this.count };
    return false;
  }
}
