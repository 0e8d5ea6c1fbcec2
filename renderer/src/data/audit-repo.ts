import Dexie from 'dexie';
import type { IndexableType, Table, Transaction } from 'dexie';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ChainVerifier, EMPTY_HEAD, nextEntry } from '../../../shared/domain/audit-chain';
import type { ChainHead, ChainVerdict } from '../../../shared/domain/audit-chain';
import { uuidv7 } from '../../../shared/domain/ids';
import { TreeBuilder } from '../../../shared/domain/merkle-builder';
import type { CountersignDb } from './db';
import type { AuditEntry } from './records';

/**
 * The append-only audit table (RULES.md 7), a verifiable log (ARCHITECTURE "Integrity").
 * Entries are written only by `appendAudit`. In the same transaction:
 * - the head (last seq and hash, and the Merkle tree's frontier) is kept in `settings`, so
 *   removing entries from the end shows up; it lives in `settings` rather than `counters`
 *   because every caller's transaction already includes `settings` (see `auditTables`);
 * - the RFC 9162 Merkle tree over the entry hashes grows by one leaf: each entry stores, in
 *   `tree`, the hashes of the perfect subtrees it completes (levels 1, 2, …; one on average),
 *   so any subtree hash a proof needs is in the entry that ends it (audit-tree.ts), without a
 *   table of its own that every writer's transaction would have to name.
 * Signed checkpoints of the tree (audit-checkpoints-repo.ts) are what a rewritten history
 * cannot match: main signs a new one only as a consistent extension of the last.
 */
export interface AuditInput {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  result: 'ok' | 'fail';
  detail?: Record<string, unknown>;
}

export const AUDIT_HEAD_KEY = 'audit.head';
export const DEVICE_ID_KEY = 'device.id';

/** The tables a transaction must include for `appendAudit` to join it. */
export const auditTables = (db: CountersignDb): Table[] => [db.audit, db.settings];

/** The head of the log: the chain's last seq and hash, and the tree's frontier (hex, largest subtree first). */
export interface AuditHead extends ChainHead {
  frontier: string[];
}

export const EMPTY_AUDIT_HEAD: AuditHead = { ...EMPTY_HEAD, frontier: [] };

const readFullHead = async (db: CountersignDb): Promise<AuditHead | null> => {
  const value = (await db.settings.get(AUDIT_HEAD_KEY))?.value as Partial<AuditHead> | undefined;
  if (!value || typeof value.seq !== 'number' || typeof value.hash !== 'string') return null;
  return { seq: value.seq, hash: value.hash, frontier: Array.isArray(value.frontier) ? value.frontier.filter((h): h is string => typeof h === 'string') : [] };
};

const readHead = async (db: CountersignDb): Promise<ChainHead | null> => {
  const head = await readFullHead(db);
  return head ? { seq: head.seq, hash: head.hash } : null;
};

/** The device id never changes once written, so each open database reads it once. */
const knownDeviceIds = new WeakMap<CountersignDb, string>();

const deviceId = async (db: CountersignDb, now: number): Promise<string> => {
  const stored = (await db.settings.get(DEVICE_ID_KEY))?.value;
  if (typeof stored === 'string' && stored) {
    knownDeviceIds.set(db, stored);
    return stored;
  }
  const id = uuidv7(now);
  // Not remembered yet: the transaction may still roll back. The next append reads it back.
  await db.settings.put({ key: DEVICE_ID_KEY, value: id, updatedAt: now });
  return id;
};

/**
 * Chains `inputs` onto the head in order and grows the tree: one head read, one bulk add, one
 * head write, and two SHA-256 of 33 and 65 bytes per entry on average for the tree.
 */
const appendAll = async (db: CountersignDb, inputs: readonly AuditInput[], now: number): Promise<AuditEntry[]> => {
  const stored = (await readFullHead(db)) ?? EMPTY_AUDIT_HEAD;
  let head: ChainHead = stored;
  const tree = TreeBuilder.resume(stored.frontier.map(hexToBytes), stored.seq);
  // No await when known: Dexie commits a transaction that waits on a non-IndexedDB promise.
  const device = knownDeviceIds.get(db) ?? (await deviceId(db, now));
  const entries: AuditEntry[] = [];
  for (const input of inputs) {
    const entry: AuditEntry = nextEntry(head, input, device, now);
    const completed = tree.push(hexToBytes(entry.hash));
    if (completed.length > 0) entry.tree = completed.map(bytesToHex);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  const next: AuditHead = { seq: head.seq, hash: head.hash, frontier: tree.frontier().map(bytesToHex) };
  await Promise.all([db.audit.bulkAdd(entries), db.settings.put({ key: AUDIT_HEAD_KEY, value: next, updatedAt: now })]);
  return entries;
};

const append = async (db: CountersignDb, input: AuditInput, now: number): Promise<AuditEntry> => {
  const [entry] = await appendAll(db, [input], now);
  if (!entry) throw new Error('no audit entry written');
  return entry;
};

/**
 * Appends several entries in order, inside the caller's read-write transaction over `audit` and
 * `settings` (see `auditTables`). For a write that records several steps at once.
 */
export const appendAuditEntries = (db: CountersignDb, inputs: readonly AuditInput[], now: number = Date.now()): Promise<AuditEntry[]> => {
  const current = Dexie.currentTransaction as Transaction | null;
  if (!current || current.db !== db || current.mode !== 'readwrite' || !current.storeNames.includes('audit') || !current.storeNames.includes('settings')) {
    return Promise.reject(new Error('appendAuditEntries needs a read-write transaction over audit and settings; include auditTables(db)'));
  }
  return appendAll(db, inputs, now);
};

/**
 * Appends one entry. Inside a caller's read-write transaction that includes `audit` and
 * `settings` it joins it (a sale write and its entry commit or fail together); otherwise it
 * runs in its own. Concurrent appends are serialised by IndexedDB, so the chain stays one line.
 */
export const appendAudit = (db: CountersignDb, input: AuditInput, now: number = Date.now()): Promise<AuditEntry> => {
  const current = Dexie.currentTransaction as Transaction | null;
  if (current && current.db === db) {
    const joins = current.mode === 'readwrite' && current.storeNames.includes('audit') && current.storeNames.includes('settings');
    if (!joins) {
      return Promise.reject(new Error(`appendAudit(${input.action}) needs a read-write transaction over audit and settings; include auditTables(db)`));
    }
    return append(db, input, now);
  }
  return db.transaction('rw', db.audit, db.settings, () => append(db, input, now));
};

/**
 * Walks the chain in seq order, `chunkSize` entries per read transaction (never the whole
 * table in memory), and names the first entry that was edited, inserted, deleted or
 * reordered. The last chunk and the recorded head are read in one transaction, so appends
 * made while verifying do not look like tampering.
 */
export const verifyChain = async (db: CountersignDb, options: { chunkSize?: number; lookahead?: number } = {}): Promise<ChainVerdict> => {
  const chunkSize = Math.max(1, options.chunkSize ?? 2000);
  const lookahead = Math.max(0, options.lookahead ?? 64);
  const verifier = new ChainVerifier({ windowSize: Math.max(4096, chunkSize + lookahead) });
  let after: IndexableType = -Infinity;
  for (;;) {
    const { rows, head, last } = await db.transaction('r', db.audit, db.settings, async () => {
      const rows = await db.audit.where('seq').above(after).limit(chunkSize + lookahead).toArray();
      // Fewer rows than asked for: the table ends here, so read the head in this snapshot.
      const last = rows.length < chunkSize + lookahead;
      return { rows, last, head: last ? await readHead(db) : null };
    });
    const verifyCount = last ? rows.length : chunkSize;
    const bad = verifier.push(rows, verifyCount);
    if (bad) return bad;
    if (last) {
      const verdict = verifier.finish(head);
      if (!verdict.ok && verdict.entryId === null && verdict.problem !== 'deleted') {
        return { ...verdict, entryId: (await db.audit.get(verdict.firstBadSeq))?.id ?? null };
      }
      return verdict;
    }
    after = rows[verifyCount - 1]?.seq ?? after;
  }
};

/** The newest entries, newest first. */
export const recentAudit = (db: CountersignDb, limit: number): Promise<AuditEntry[]> => db.audit.orderBy('seq').reverse().limit(limit).toArray();

/** What the audit screen filters by; every part is optional. */
export interface AuditQuery {
  /** An operator id; '' for entries written before anyone signed in. */
  actor?: string | null;
  result?: 'ok' | 'fail' | null;
  /** Keeps entries whose action passes (one group of actions). */
  action?: ((action: string) => boolean) | null;
  /** Unix ms: entries written at or after `from` and before `to`. */
  from?: number | null;
  to?: number | null;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Read below this seq for the next (older) page; null when the log has no more. */
  next: number | null;
  /** The scan stopped at `next` before a full page was found (sparse matches): the next page goes on looking. */
  partial: boolean;
}

const SCAN_CHUNK = 500;

/** Seq bounds of a time range, from the `at` index (entries are appended in time order). */
const seqRange = async (db: CountersignDb, q: AuditQuery): Promise<{ lower: number; upper: number } | null> => {
  let lower = 0;
  let upper = Number.MAX_SAFE_INTEGER;
  if (q.from != null) {
    const first = await db.audit.where('at').aboveOrEqual(new Date(q.from).toISOString()).first();
    if (!first) return null;
    lower = first.seq;
  }
  if (q.to != null) {
    const last = await db.audit.where('at').below(new Date(q.to).toISOString()).last();
    if (!last) return null;
    upper = last.seq + 1;
  }
  return { lower, upper };
};

/**
 * One page of the log, newest first, keyset-paged by seq (`before` = the previous page's `next`).
 * Filters that have no index (operator, result, action group) are checked row by row, reading at
 * most `maxScan` entries per page: a filter that matches little never reads the whole table at
 * once, it continues on the next page.
 */
export const auditPage = (db: CountersignDb, q: AuditQuery, before: number | null, limit: number, maxScan = 5000): Promise<AuditPage> =>
  db.transaction('r', db.audit, async () => {
    const range = await seqRange(db, q);
    if (!range) return { entries: [], next: null, partial: false };
    const fromIso = q.from != null ? new Date(q.from).toISOString() : null;
    const toIso = q.to != null ? new Date(q.to).toISOString() : null;
    const keep = (e: AuditEntry): boolean =>
      (q.actor == null || e.actor === q.actor) && (!q.result || e.result === q.result) && (!q.action || q.action(e.action)) && (!fromIso || e.at >= fromIso) && (!toIso || e.at < toIso);
    const entries: AuditEntry[] = [];
    let cursor = Math.min(before ?? Number.MAX_SAFE_INTEGER, range.upper);
    let scanned = 0;
    for (;;) {
      const chunk = Math.max(1, Math.min(SCAN_CHUNK, maxScan - scanned));
      const rows = cursor <= range.lower ? [] : await db.audit.where('seq').between(range.lower, cursor, true, false).reverse().limit(chunk).toArray();
      for (const row of rows) {
        scanned += 1;
        cursor = row.seq;
        if (!keep(row)) continue;
        entries.push(row);
        if (entries.length === limit) {
          const more = row.seq > range.lower;
          return { entries, next: more ? row.seq : null, partial: false };
        }
      }
      if (rows.length < chunk) return { entries, next: null, partial: false };
      if (scanned >= maxScan) return { entries, next: cursor, partial: true };
    }
  });

/** Entries about one object (a sale, an operator), oldest first. */
export const auditFor = (db: CountersignDb, objectId: string): Promise<AuditEntry[]> =>
  db.audit.where('[objectId+seq]').between([objectId, Dexie.minKey], [objectId, Dexie.maxKey]).toArray();

/** The recorded head: last seq (= number of entries) and its hash. */
export const auditHead = async (db: CountersignDb): Promise<ChainHead> => (await readHead(db)) ?? EMPTY_HEAD;

/** The head with the tree's frontier, for checkpoints and proofs (read in the caller's transaction, or its own). */
export const auditTreeHead = async (db: CountersignDb): Promise<AuditHead> => (await readFullHead(db)) ?? EMPTY_AUDIT_HEAD;

/** This database's device id (written by the first append). */
export const auditDeviceId = async (db: CountersignDb): Promise<string | null> => {
  const stored = (await db.settings.get(DEVICE_ID_KEY))?.value;
  return typeof stored === 'string' && stored ? stored : null;
};

/**
 * Takes the console's device id (main's, `countersign/<id>` in checkpoints) for a database that
 * has not written its first entry yet; a database that has keeps its own, which its entries name.
 */
export const adoptDeviceId = (db: CountersignDb, id: string, now: number = Date.now()): Promise<string> =>
  db.transaction('rw', db.settings, async () => {
    const stored = (await db.settings.get(DEVICE_ID_KEY))?.value;
    if (typeof stored === 'string' && stored) return stored;
    await db.settings.put({ key: DEVICE_ID_KEY, value: id, updatedAt: now });
    return id;
  });
