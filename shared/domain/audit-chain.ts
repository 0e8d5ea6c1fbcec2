import { entryHashHex } from './entry-hash';
import { uuidv7 } from './ids';

/**
 * The hash-chained audit log (RULES.md 7), pure: hashing and a streaming verifier. Storage
 * lives in renderer/src/data/audit-repo.ts. Each entry's hash covers every other field,
 * `seq` and `prevHash` included, so an entry cannot be edited, moved or renumbered without
 * its own hash or its successor's link disagreeing.
 */
export interface ChainEntry {
  /** 1-based position, assigned as last seq + 1 in the append transaction. */
  seq: number;
  id: string;
  /** ISO-8601 UTC. */
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
  /**
   * Merkle tree nodes this entry completed (shared/domain/merkle.ts): the hex hashes of the
   * perfect subtrees at levels 1, 2, … whose last leaf is this entry. Derived from entry hashes,
   * so outside the entry's own hash; the verifier recomputes and compares them.
   */
  tree?: string[];
}

export type UnsealedEntry = Omit<ChainEntry, 'hash' | 'tree'>;

/** What the log records beside the entries (same transaction), so a cut-off tail shows. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/**
 * SHA-256 over the canonical JSON of everything but `hash` and `tree` (entry-hash.ts).
 * Synchronous on purpose: it runs inside the IndexedDB transaction that appends the entry, and
 * awaiting WebCrypto would commit that transaction early. Unknown extra fields are hashed too,
 * so adding one is an edit.
 */
export const hashEntry = (entry: UnsealedEntry | ChainEntry): string => entryHashHex(entry as unknown as Record<string, unknown>);

export const sealEntry = (entry: UnsealedEntry): ChainEntry => ({ ...entry, hash: hashEntry(entry) });

/** What an appender says of an entry; the chain supplies the rest. */
export interface EntryInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

/** The sealed entry that follows `head`: one shape for main's journal and the renderer's audit log. */
export const nextEntry = (head: ChainHead, input: EntryInput, device: string, now: number): ChainEntry =>
  sealEntry({
    seq: head.seq + 1,
    id: uuidv7(now),
    at: new Date(now).toISOString(),
    actor: input.actor,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    result: input.result,
    device,
    detail: input.detail ?? {},
    prevHash: head.hash,
  });

/**
 * edited: content no longer matches its hash (or its successor recorded a different hash).
 * deleted: an entry is missing (a gap, a renumbered successor, or a tail cut below the head).
 * inserted: an entry the chain does not account for (fractional seq, squeezed in with the
 * rest renumbered, or beyond the recorded head). reordered: an entry links to one stored after it.
 */
export type ChainProblem = 'edited' | 'deleted' | 'inserted' | 'reordered';

export type ChainFailure = {
  ok: false;
  /** The first seq at which the chain is wrong; for deletions, the first missing seq. */
  firstBadSeq: number;
  problem: ChainProblem;
  /** The entry to look at; null when it no longer exists (deletions). */
  entryId: string | null;
  /** Entries verified before the problem. */
  count: number;
  /** English, for logs and support; the UI translates `problem`. */
  detail: string;
};

export type ChainVerdict = { ok: true; count: number; head: ChainHead } | ChainFailure;

interface Seen {
  seq: number;
  id: string;
}

/** How far a renumbered entry is looked for when its predecessor is gone. */
const RENUMBER_PROBE = 16;

/**
 * Feed entries in seq order, a chunk at a time, then `finish` with the head recorded when the
 * log last appended (read in the same transaction as the last chunk). Stops at the first
 * problem. Memory is bounded by `windowSize` recent hashes, used to tell an insertion, a
 * deletion and a reordering apart; a tamper beyond the window is still found, only its label
 * may be less precise.
 */
export class ChainVerifier {
  private prev: (Seen & { hash: string }) | null;
  private count = 0;
  private failure: ChainFailure | null = null;
  private readonly byHash = new Map<string, Seen>();
  private readonly idBySeq = new Map<number, string>();
  private readonly windowSize: number;

  /**
   * `startAfter` verifies an excerpt that begins after a known entry (evidence bundles);
   * by default the chain starts at genesis.
   */
  constructor(options: { windowSize?: number; startAfter?: ChainHead } = {}) {
    this.windowSize = options.windowSize ?? 4096;
    const start = options.startAfter;
    this.prev = start && start.seq > 0 ? { seq: start.seq, id: '', hash: start.hash } : null;
  }

  /**
   * Verifies `entries[0..verifyCount)`; the rest are only look-ahead (a reordered entry's
   * predecessor may be stored just after it, across a chunk boundary).
   */
  push(entries: readonly ChainEntry[], verifyCount = entries.length): ChainFailure | null {
    if (this.failure) return this.failure;
    const position = new Map<string, number>();
    entries.forEach((e, i) => position.set(e.hash, i));
    for (let i = 0; i < verifyCount; i++) {
      const e = entries[i];
      if (!e) break;
      const linkedAt = position.get(e.prevHash);
      const bad = this.check(e, linkedAt !== undefined && linkedAt > i);
      if (bad) {
        this.failure = bad;
        return bad;
      }
      this.accept(e);
    }
    return null;
  }

  finish(recorded: ChainHead | null): ChainVerdict {
    if (this.failure) return this.failure;
    const last: ChainHead = this.prev ? { seq: this.prev.seq, hash: this.prev.hash } : EMPTY_HEAD;
    if (!recorded) {
      return last.seq === 0 ? { ok: true, count: 0, head: EMPTY_HEAD } : this.fail('deleted', last.seq + 1, null, 'the recorded head of the log is missing');
    }
    if (recorded.seq > last.seq) {
      return this.fail('deleted', last.seq + 1, null, `entries ${last.seq + 1}..${recorded.seq} were removed from the end`);
    }
    if (recorded.seq < last.seq) {
      return this.fail('inserted', recorded.seq + 1, this.idBySeq.get(recorded.seq + 1) ?? null, `entries after the recorded head #${recorded.seq} were added`);
    }
    if (recorded.hash !== last.hash) {
      return this.fail('edited', last.seq, this.prev?.id || null, 'the last entry differs from the recorded head');
    }
    return { ok: true, count: this.count, head: last };
  }

  private check(e: ChainEntry, linksForward: boolean): ChainFailure | null {
    const expectedSeq = (this.prev?.seq ?? 0) + 1;
    const expectedPrev = this.prev?.hash ?? GENESIS_HASH;
    if (!Number.isSafeInteger(e.seq) || e.seq < expectedSeq) {
      return this.fail('inserted', e.seq, e.id, `seq ${String(e.seq)} does not follow #${expectedSeq - 1}`);
    }
    if (e.seq > expectedSeq) {
      return this.fail('deleted', expectedSeq, null, `entries ${expectedSeq}..${e.seq - 1} are missing`);
    }
    const hashOk = hashEntry(e) === e.hash;
    const linkOk = e.prevHash === expectedPrev;
    if (hashOk && linkOk) return null;
    if (!linkOk && linksForward) {
      return this.fail('reordered', e.seq, e.id, `#${e.seq} links to an entry stored after it`);
    }
    if (!hashOk && linkOk) return this.fail('edited', e.seq, e.id, `#${e.seq} does not match its hash`);
    if (!hashOk) return this.moved(e);
    // Content intact but the link disagrees: someone re-hashed after changing something.
    const linked = this.byHash.get(e.prevHash);
    if (linked && linked.seq < expectedSeq - 1) {
      const first = linked.seq + 1;
      return this.fail('inserted', first, this.idBySeq.get(first) ?? null, `#${e.seq} links to #${linked.seq}: entries between were added`);
    }
    if (!this.prev) return this.fail('edited', e.seq, e.id, '#1 does not start from the genesis hash');
    return this.fail(
      'edited',
      this.prev.seq,
      this.prev.id || null,
      `#${e.seq} recorded a different hash for #${this.prev.seq}: it was changed and re-hashed, or entries after it were removed and the rest renumbered`,
    );
  }

  /** Neither hash nor link hold: find the seq the entry was hashed under, if it was moved. */
  private moved(e: ChainEntry): ChainFailure {
    const candidates: number[] = [];
    const linked = this.byHash.get(e.prevHash);
    if (linked) candidates.push(linked.seq + 1);
    for (let k = 1; k <= RENUMBER_PROBE; k++) candidates.push(e.seq + k, e.seq - k);
    const original = candidates.find((s) => s >= 1 && s !== e.seq && hashEntry({ ...e, seq: s }) === e.hash);
    if (original === undefined) return this.fail('edited', e.seq, e.id, `#${e.seq} does not match its hash`);
    if (original > e.seq) {
      return this.fail('deleted', e.seq, null, `#${original} was renumbered to #${e.seq}: the entries before it were removed`);
    }
    return this.fail('inserted', original, this.idBySeq.get(original) ?? null, `#${original} was renumbered to #${e.seq}: entries were added before it`);
  }

  private accept(e: ChainEntry): void {
    this.prev = { seq: e.seq, id: e.id, hash: e.hash };
    this.count += 1;
    this.byHash.set(e.hash, { seq: e.seq, id: e.id });
    this.idBySeq.set(e.seq, e.id);
    if (this.byHash.size > this.windowSize) {
      const oldest = this.byHash.entries().next().value;
      if (oldest) {
        this.byHash.delete(oldest[0]);
        this.idBySeq.delete(oldest[1].seq);
      }
    }
  }

  private fail(problem: ChainProblem, firstBadSeq: number, entryId: string | null, detail: string): ChainFailure {
    return { ok: false, firstBadSeq, problem, entryId, count: this.count, detail };
  }
}

/**
 * Verifies entries held in memory (tests, evidence excerpts). For an excerpt, pass the entry
 * before it as `startAfter` and its own last entry as `recorded`.
 */
export const verifyEntries = (entries: readonly ChainEntry[], recorded: ChainHead | null, startAfter?: ChainHead): ChainVerdict => {
  const verifier = new ChainVerifier({ windowSize: Math.max(4096, entries.length), ...(startAfter ? { startAfter } : {}) });
  return verifier.push(entries) ?? verifier.finish(recorded);
};
